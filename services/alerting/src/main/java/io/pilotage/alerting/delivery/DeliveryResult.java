package io.pilotage.alerting.delivery;

/**
 * The outcome of one delivery attempt.
 *
 * @param outcome    {@code delivered}, {@code failed} or {@code timeout}
 * @param statusCode the receiver's HTTP status, when there was one
 * @param latencyMs  time from the start of the send to its outcome
 * @param error      what went wrong, when it did
 */
public record DeliveryResult(String outcome, Integer statusCode, double latencyMs, String error) {

    public boolean delivered() {
        return "delivered".equals(outcome);
    }

    public static DeliveryResult delivered(Integer status, double latencyMs) {
        return new DeliveryResult("delivered", status, latencyMs, null);
    }

    public static DeliveryResult failed(Integer status, double latencyMs, String error) {
        return new DeliveryResult("failed", status, latencyMs, error);
    }

    public static DeliveryResult timeout(double latencyMs, String error) {
        return new DeliveryResult("timeout", null, latencyMs, error);
    }
}
