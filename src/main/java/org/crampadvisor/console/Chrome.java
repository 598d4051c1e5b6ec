package org.crampadvisor.console;

import org.crampadvisor.lifecycle.ReloadReport;

import java.util.List;

/**
 * What every console page shows around its content: who is signed in, the pages their roles open, and,
 * while the last reload of the rules folder was refused, a banner saying so.
 *
 * @param user    the signed-in user's name
 * @param roles   their roles, for display
 * @param nav     the pages their roles open, in menu order
 * @param refused the last reload attempt when it was refused; null otherwise
 * @param csrfToken the token this page's forms must send back
 */
public record Chrome(String title, String user, String roles, List<NavItem> nav, ReloadReport refused, String csrfToken) {

    public record NavItem(String label, String href, boolean current) {
    }
}
