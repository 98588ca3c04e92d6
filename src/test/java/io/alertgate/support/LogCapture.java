package io.alertgate.support;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.AppenderBase;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Collects every log line (with its exception text) so a test can prove no secret was written. */
public final class LogCapture extends AppenderBase<ILoggingEvent> implements AutoCloseable {

  private final List<String> lines = new CopyOnWriteArrayList<>();
  private final List<String> warnings = new CopyOnWriteArrayList<>();

  public static LogCapture attach() {
    LogCapture capture = new LogCapture();
    capture.start();
    root().addAppender(capture);
    return capture;
  }

  public String text() {
    return String.join("\n", lines);
  }

  /** The WARN and ERROR lines so far, each as "LEVEL logger: message". */
  public List<String> warnings() {
    return List.copyOf(warnings);
  }

  @Override
  protected void append(ILoggingEvent event) {
    StringBuilder line = new StringBuilder(event.getFormattedMessage());
    for (IThrowableProxy cause = event.getThrowableProxy(); cause != null; cause = cause.getCause()) {
      line.append(" | ").append(cause.getClassName()).append(": ").append(cause.getMessage());
    }
    lines.add(line.toString());
    if (event.getLevel().isGreaterOrEqual(Level.WARN)) {
      warnings.add(event.getLevel() + " " + event.getLoggerName() + ": " + line);
    }
  }

  @Override
  public void close() {
    root().detachAppender(this);
    stop();
  }

  private static Logger root() {
    return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  }
}
