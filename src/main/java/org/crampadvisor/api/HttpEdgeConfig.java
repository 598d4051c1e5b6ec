package org.crampadvisor.api;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import java.time.Duration;

/** How the HTTP edge treats request bodies, before any endpoint sees them. */
@ConfigMapping(prefix = "advisor.http")
public interface HttpEdgeConfig {

    /**
     * The largest request body (SPEC section 4: 64 KiB); larger bodies are refused with 413. A path
     * can have its own limit, see {@link PathBodyLimit}.
     */
    @WithName("max-body-size")
    @WithDefault("64K")
    MemorySize maxBodySize();

    /**
     * How long a client has, from its request line, to send the whole body. A client still sending
     * then gets 408 and its connection is closed, so slow or stalled clients cannot hold the service.
     */
    @WithName("body-timeout")
    @WithDefault("PT10S")
    Duration bodyTimeout();
}
