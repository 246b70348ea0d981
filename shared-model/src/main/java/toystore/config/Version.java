package toystore.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * What {@code --version} prints for {@code toystore} and every subcommand (and the dashboard): the
 * Maven project version, put into {@code version.properties} by resource filtering at build time,
 * so a class-path run under Maven knows it as well as the shaded jar.
 */
public final class Version implements IVersionProvider {
  private static final String RESOURCE = "version.properties";

  @Override
  public String[] getVersion() {
    return new String[] {"Toy Store " + number()};
  }

  /** The project version, e.g. {@code 1.0.0-SNAPSHOT}. */
  public static String number() {
    try (InputStream in = Version.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the build");
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }
}
