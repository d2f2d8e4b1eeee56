package io.pilotage.console.view;

/** A query or form parameter the page cannot use: answered 400 with a page naming it and the expected form. */
public class BadParameter extends RuntimeException {

    private final String parameter;
    private final String value;
    private final String expected;

    public BadParameter(String parameter, String value, String expected) {
        super("parameter '" + parameter + "' = '" + value + "': expected " + expected);
        this.parameter = parameter;
        this.value = value;
        this.expected = expected;
    }

    public String parameter() {
        return parameter;
    }

    public String value() {
        return value;
    }

    public String expected() {
        return expected;
    }
}
