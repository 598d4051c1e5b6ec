package org.crampadvisor.logging;

/**
 * Exceptions as the log may show them. An exception's message can quote what it was given (a patient's
 * value, a stored request), and patient facts never go to the log, so only the classes and the top frames
 * of each cause are written.
 */
public final class StackTraces {

    private static final int FRAMES_PER_CAUSE = 8;

    private StackTraces() {
    }

    /** The exception and its causes: class names and the top frames, no messages. */
    public static String withoutMessages(Throwable e) {
        StringBuilder out = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            out.append(out.isEmpty() ? "" : "\n  caused by ").append(t.getClass().getName());
            StackTraceElement[] frames = t.getStackTrace();
            for (int i = 0; i < Math.min(frames.length, FRAMES_PER_CAUSE); i++) {
                out.append("\n    at ").append(frames[i]);
            }
        }
        return out.toString();
    }
}
