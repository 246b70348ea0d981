package toystore.service;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * {@code %service} in the log pattern (logback.xml): the name this process runs as, so a line read
 * out of its file (or several files merged) still says which service wrote it.
 */
public final class ServiceName extends ClassicConverter {
  /** Set once at start by {@link ServiceProcess#nameInLogs}; read at every event, so it needs no early setting. */
  static final String PROPERTY = "toystore.service";
  private static final String UNNAMED = "toystore";

  @Override
  public String convert(ILoggingEvent event) {
    return System.getProperty(PROPERTY, UNNAMED);
  }
}
