package io.obsagent.core.metrics.rules;

import java.util.List;

/** The HELP text of a rule that gives none: what is counted or timed, in the operator's own terms. */
final class DefaultHelp {

    private DefaultHelp() {
    }

    static String of(RuleType type, boolean countsExceptions, List<RuleTarget> targets) {
        switch (type) {
            case COUNTER:
                return "Calls of " + targets.get(0).pattern() + (countsExceptions ? " that threw" : " that returned normally");
            case TIMER:
                return "Duration of calls of " + targets.get(0).pattern() + ", by outcome";
            default:
                StringBuilder help = new StringBuilder();
                for (RuleTarget target : targets) {
                    help.append(help.length() == 0 ? "" : ", ")
                            .append(target.decrements() ? "down" : "up")
                            .append(" on each normal return of ").append(target.pattern());
                }
                return Character.toUpperCase(help.charAt(0)) + help.substring(1);
        }
    }
}
