package org.crampadvisor.lifecycle;

import org.crampadvisor.engine.Ruleset;

/**
 * A reload replaced the active ruleset with a new version (a CDI event, fired after the swap). Observers
 * must not block: the reload that fires it is waiting.
 *
 * @param previous the version that answered until now
 * @param current  the version that answers from now on
 * @param report   the reload's report, as {@code lastReload} shows it
 */
public record RulesetActivated(Ruleset previous, Ruleset current, ReloadReport report) {
}
