package org.crampadvisor.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** The service's own settings, under {@code advisor.}; each can be set by environment variable too. */
@ConfigMapping(prefix = "advisor")
public interface AdvisorConfig {

    Rules rules();

    Security security();

    interface Rules {
        /** The rules folder, read at start (env {@code ADVISOR_RULES_DIR}); relative to the working directory. */
        @WithDefault("rules")
        String dir();
    }

    interface Security {
        /**
         * Whether the demo accounts requester, auditor and rule-admin (password = user name) exist. They
         * are refused at start unless the service listens on a loopback address only.
         */
        @WithName("demo-users")
        @WithDefault("true")
        boolean demoUsers();
    }
}
