package io.pilotage.console.web;

import io.pilotage.console.ConsoleConfig;
import io.pilotage.console.view.Csrf;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import java.time.Clock;

/** The console's plain-Java collaborators as beans. */
public class Beans {

    @Produces
    @ApplicationScoped
    Csrf csrf(ConsoleConfig config) {
        return new Csrf(config.sessionSecret());
    }

    @Produces
    @ApplicationScoped
    Clock clock() {
        return Clock.systemUTC();
    }
}
