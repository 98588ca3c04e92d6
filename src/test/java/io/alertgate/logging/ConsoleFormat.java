package io.alertgate.logging;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.joran.spi.JoranException;
import io.alertgate.config.LoggingSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Every line the gateway logs while it is attached, written as the console writes it when logback.xml is loaded with
 * ALERTGATE_LOG_FORMAT set to a given value (or unset): logback.xml is read again into a context of its own, and its
 * console's encoder writes the lines the test JVM's loggers produce.
 */
final class ConsoleFormat extends AppenderBase<ILoggingEvent> implements AutoCloseable {

  private final LoggerContext configured;
  private final Encoder<ILoggingEvent> encoder;
  private final List<String> lines = new CopyOnWriteArrayList<>();

  private ConsoleFormat(LoggerContext configured, Encoder<ILoggingEvent> encoder) {
    this.configured = configured;
    this.encoder = encoder;
  }

  /** @param format the variable's value, or null for unset */
  static ConsoleFormat attach(String format) throws JoranException {
    LoggerContext configured = new LoggerContext();
    if (format != null) {
      configured.putProperty(LoggingSettings.FORMAT_VARIABLE, format);
    }
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(configured);
    configurator.doConfigure(ConsoleFormat.class.getResource("/logback.xml"));
    OutputStreamAppender<ILoggingEvent> console = (OutputStreamAppender<ILoggingEvent>)
        configured.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("console");
    ConsoleFormat capture = new ConsoleFormat(configured, console.getEncoder());
    capture.start();
    root().addAppender(capture);
    return capture;
  }

  /** The console's encoder, as logback.xml made it. */
  Encoder<ILoggingEvent> encoder() {
    return encoder;
  }

  /** Each line as the console would have written it, without its line end. */
  List<String> lines() {
    return lines.stream().map(String::stripTrailing).toList();
  }

  @Override
  protected void append(ILoggingEvent event) {
    lines.add(new String(encoder.encode(event), StandardCharsets.UTF_8));
  }

  @Override
  public void close() {
    root().detachAppender(this);
    stop();
    configured.stop();
  }

  private static ch.qos.logback.classic.Logger root() {
    return (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
  }
}
