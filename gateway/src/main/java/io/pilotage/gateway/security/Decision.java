package io.pilotage.gateway.security;

/** The gateway's answer to "may this caller do this?". */
public enum Decision {
    /** Go ahead: forward the request. */
    ALLOW,
    /** No valid token where one is required: 401. */
    UNAUTHENTICATED,
    /** A valid token without a role that allows this method on this route: 403. */
    FORBIDDEN
}
