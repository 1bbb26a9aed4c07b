package io.seawatch.db;

/**
 * One versioned SQL script, {@code V<version>__<description>.sql}, as Flyway resolved it.
 *
 * @param version positive, unique, applied in ascending order
 * @param description from the file name, underscores as spaces
 * @param script the file name
 * @param checksum Flyway's checksum of the file (CRC32 of its lines, so line endings do not count)
 */
public record Migration(int version, String description, String script, Integer checksum) {}
