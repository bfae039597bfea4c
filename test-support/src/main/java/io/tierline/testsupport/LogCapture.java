package io.tierline.testsupport;

import org.jboss.logmanager.ExtLogRecord;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Everything the application logs while it is open (message and stack trace, at every level), so a test can prove
 * what never reaches a log: tokens, integration keys, contact details.
 */
public final class LogCapture implements AutoCloseable {

    private final List<String> lines = new ArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            StringBuilder line = new StringBuilder(record.getLoggerName() == null ? "" : record.getLoggerName())
                    .append(' ').append(record instanceof ExtLogRecord ext ? ext.getFormattedMessage()
                            : String.valueOf(record.getMessage()));
            if (record.getParameters() != null) {
                for (Object parameter : record.getParameters()) {
                    line.append(' ').append(parameter);
                }
            }
            if (record.getThrown() != null) {
                StringWriter trace = new StringWriter();
                record.getThrown().printStackTrace(new PrintWriter(trace));
                line.append('\n').append(trace);
            }
            synchronized (lines) {
                lines.add(line.toString());
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private final Logger root = Logger.getLogger("");

    private LogCapture() {
        handler.setLevel(Level.ALL);
        root.addHandler(handler);
    }

    public static LogCapture start() {
        return new LogCapture();
    }

    /** Every line captured so far, joined. */
    public String text() {
        synchronized (lines) {
            return String.join("\n", lines);
        }
    }

    public int size() {
        synchronized (lines) {
            return lines.size();
        }
    }

    @Override
    public void close() {
        root.removeHandler(handler);
    }
}
