package io.seawatch.model;

/**
 * Number of decoded messages of one AIS type whose event time falls in one UTC minute. Written as a
 * result (upsert of the full count), never as an increment, so replays and refired panes are
 * idempotent.
 *
 * @param minuteStartMillis start of the minute, epoch millis
 * @param type AIS message type
 * @param count messages in that minute
 */
public record MessageCount(long minuteStartMillis, int type, long count) {}
