package io.pilotage.ingestion.publish;

/** PostgreSQL (the dedupe ledger, the quarantine) could not be reached: nothing was accepted. */
public class StorageUnavailableException extends RuntimeException {

    public StorageUnavailableException(Throwable cause) {
        super("storage unavailable: " + cause.getMessage(), cause);
    }
}
