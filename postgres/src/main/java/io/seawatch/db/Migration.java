package io.seawatch.db;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One versioned SQL script, {@code V<version>__<description>.sql}.
 *
 * @param version positive, unique, applied in ascending order
 * @param description from the file name, underscores as spaces
 * @param script the SQL (one or more statements)
 * @param checksum hex SHA-256 of the script with line endings normalized to LF
 */
public record Migration(int version, String description, String script, String checksum) {
  private static final Pattern NAME = Pattern.compile("V([1-9][0-9]*)__([A-Za-z0-9_]+)\\.sql");

  public static Migration parse(String fileName, String script) {
    Matcher m = NAME.matcher(fileName);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "migration file name must look like V1__some_words.sql: " + fileName);
    }
    return new Migration(
        Integer.parseInt(m.group(1)), m.group(2).replace('_', ' '), script, checksum(script));
  }

  /** CRLF is normalized so a checkout with other line endings does not look edited. */
  public static String checksum(String script) {
    try {
      byte[] d =
          MessageDigest.getInstance("SHA-256")
              .digest(script.replace("\r\n", "\n").getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
