package io.pilotage.console;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.ZoneId;

/** The console's settings ({@code pilotage.console.*}). */
@ConfigMapping(prefix = "pilotage.console")
public interface ConsoleConfig {

    /** The gateway's public URL: the address people use; the links of the console's pages start there. */
    String publicUrl();

    /** The time zone KPI periods and times are shown in (the engine's zone). */
    @WithDefault("Africa/Bamako")
    ZoneId zone();

    /** How often the portfolio and alert pages refresh themselves, in seconds. */
    @WithDefault("60")
    int refreshSeconds();

    /** The key of the forms' anti-forgery tokens; at least 32 characters. */
    String sessionSecret();
}
