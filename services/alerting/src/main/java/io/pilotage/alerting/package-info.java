/**
 * Alerting: KPI values to rules, the alert state machine, Slack and email notifications
 * (DESIGN §4). The walking skeleton runs the service with its health checks (Kafka, PostgreSQL),
 * metrics and token validation; the rules and notifications come with their own issue.
 */
package io.pilotage.alerting;
