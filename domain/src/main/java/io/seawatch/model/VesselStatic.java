package io.seawatch.model;

/**
 * Static and voyage data of one vessel from one message (types 5, 19, 24 part A or B). A field the
 * message does not carry, or carries as "not available", is {@code null}; the sink merges the
 * fields of many messages into one row per vessel.
 *
 * @param mmsi the transmitting station
 * @param timestampMillis event time
 * @param type AIS message type (5, 19 or 24)
 * @param imo IMO number (type 5)
 * @param callsign call sign (types 5, 24B)
 * @param shipname vessel name (types 5, 19, 24A)
 * @param shiptype ship and cargo type 1..99 (types 5, 19, 24B)
 * @param toBow dimension to bow in metres
 * @param toStern dimension to stern in metres
 * @param toPort dimension to port in metres
 * @param toStarboard dimension to starboard in metres
 * @param draught draught in metres (type 5)
 * @param destination destination (type 5)
 * @param eta estimated arrival as {@code MM-DDTHH:MMZ} (type 5, gpsd's form)
 */
public record VesselStatic(
    int mmsi,
    long timestampMillis,
    int type,
    Integer imo,
    String callsign,
    String shipname,
    Integer shiptype,
    Integer toBow,
    Integer toStern,
    Integer toPort,
    Integer toStarboard,
    Double draught,
    String destination,
    String eta) {}
