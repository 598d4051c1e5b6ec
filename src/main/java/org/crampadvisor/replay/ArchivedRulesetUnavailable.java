package org.crampadvisor.replay;

/**
 * The ruleset version that answered a stored decision cannot be rebuilt from the audit log's archive: it is
 * missing, its files no longer hash to the version (altered), or they no longer compile. Nothing the client
 * sent is wrong, and nothing can be replayed or explained on that version until the archive is repaired.
 */
public class ArchivedRulesetUnavailable extends RuntimeException {

    private final String version;

    public ArchivedRulesetUnavailable(String version, String reason, Throwable cause) {
        super("ruleset " + version + " " + reason, cause);
        this.version = version;
    }

    public String version() {
        return version;
    }
}
