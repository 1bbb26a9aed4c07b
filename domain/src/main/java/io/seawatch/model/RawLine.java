package io.seawatch.model;

/**
 * One input line exactly as received, with where it came from. Its event time travels as the Beam
 * element timestamp, not as a field.
 *
 * @param line the raw text (one NMEA sentence, optionally with a tag block)
 * @param origin Kafka record or file line
 */
public record RawLine(String line, Origin origin) {}
