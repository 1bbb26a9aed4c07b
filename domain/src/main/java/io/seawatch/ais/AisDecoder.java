package io.seawatch.ais;

import java.util.List;

/**
 * Decodes armored AIS payloads into {@link AisMessage}s. Stateless and thread-safe.
 *
 * <p>Length rules follow gpsd: a payload shorter than its layout is rejected ({@code "payload too
 * short for type 5: 300 bits"}) except where real transmitters are known to cut corners (type 1-3
 * from 163 bits, type 5 from 420 bits, type 24 part A from 160 bits, type 27 from 96 bits); missing
 * trailing bits then read as zero. Longer payloads are accepted unless the type has a hard maximum
 * (binary and text messages: 1008 bits, i.e. five slots).
 */
public final class AisDecoder {
  /** The longest AIS message: five slots of user data (ITU-R M.1371). */
  static final int MAX_BITS = 1008;

  private AisDecoder() {}

  /** Decodes one armored payload (fragments already concatenated). */
  public static AisMessage decode(String payload, int fillBits) throws AisException {
    if (payload == null || payload.isEmpty()) {
      throw new AisException("empty payload");
    }
    return decode(Bits.of(payload, fillBits));
  }

  /** Decodes the fragments of one message, in order 1..n. */
  public static AisMessage decode(List<NmeaSentence> fragments) throws AisException {
    int n = fragments.size();
    if (n == 0) {
      throw new AisException("no fragments");
    }
    if (n == 1) {
      NmeaSentence s = fragments.get(0);
      if (s.fragmentCount() != 1) {
        throw new AisException("incomplete multipart message");
      }
      return decode(s.bits());
    }
    int chars = 0;
    for (int i = 0; i < n; i++) {
      NmeaSentence s = fragments.get(i);
      if (s.fragmentCount() != n) {
        throw new AisException("incomplete multipart message");
      }
      if (s.fragmentNumber() != i + 1) {
        throw new AisException("fragments out of order");
      }
      chars += s.payloadLength();
    }
    StringBuilder sb = new StringBuilder(chars);
    for (int i = 0; i < n; i++) {
      fragments.get(i).appendPayload(sb);
    }
    return decode(Bits.of(sb, 0, chars, fragments.get(n - 1).fillBits()));
  }

  static AisMessage decode(Bits bits) throws AisException {
    int type = bits.u(0, 6);
    int len = bits.length();
    if (len < 38) {
      throw tooShort(type, len);
    }
    if (len > MAX_BITS) {
      throw new AisException("payload too long: " + len + " bits (an AIS message has at most "
          + MAX_BITS + ")");
    }
    switch (type) {
      case 1:
      case 2:
      case 3:
        min(type, len, 163);
        PositionReportClassA a = new PositionReportClassA(bits);
        coordinates(a.lat(), a.lon());
        return a;
      case 4:
      case 11:
        min(type, len, 168);
        BaseStationReport base = new BaseStationReport(bits);
        coordinates(base.lat(), base.lon());
        return base;
      case 5:
        min(type, len, 420);
        return new StaticAndVoyageData(bits);
      case 6:
        range(type, len, 88, 1008);
        return new BinaryAddressedMessage(bits);
      case 7:
      case 13:
        range(type, len, 72, 168);
        return new BinaryAcknowledge(bits);
      case 8:
        range(type, len, 56, 1008);
        return new BinaryBroadcastMessage(bits);
      case 9:
        min(type, len, 168);
        SarAircraftPositionReport sar = new SarAircraftPositionReport(bits);
        coordinates(sar.lat(), sar.lon());
        return sar;
      case 10:
        min(type, len, 72);
        return new UtcDateInquiry(bits);
      case 12:
        range(type, len, 72, 1008);
        return new SafetyAddressedMessage(bits);
      case 14:
        range(type, len, 40, 1008);
        return new SafetyBroadcastMessage(bits);
      case 15:
        range(type, len, 88, 168);
        return new Interrogation(bits);
      case 16:
        range(type, len, 96, 168);
        return new AssignmentModeCommand(bits);
      case 17:
        range(type, len, 80, 816);
        return new DgnssBroadcast(bits);
      case 18:
        min(type, len, 168);
        PositionReportClassB b = new PositionReportClassB(bits);
        coordinates(b.lat(), b.lon());
        return b;
      case 19:
        min(type, len, 312);
        ExtendedPositionReportClassB eb = new ExtendedPositionReportClassB(bits);
        coordinates(eb.lat(), eb.lon());
        return eb;
      case 20:
        range(type, len, 72, 186);
        return new DataLinkManagement(bits);
      case 21:
        range(type, len, 272, 368);
        AidToNavigationReport aton = new AidToNavigationReport(bits);
        coordinates(aton.lat(), aton.lon());
        return aton;
      case 22:
        min(type, len, 168);
        return new ChannelManagement(bits);
      case 23:
        min(type, len, 160);
        return new GroupAssignmentCommand(bits);
      case 24:
        int part = bits.u(38, 2);
        if (part == 0) {
          min(type, len, 160);
        } else if (part == 1) {
          min(type, len, 168);
        } else {
          throw new AisException("bad type 24 part number " + part);
        }
        return new StaticDataReport(bits);
      case 25:
        range(type, len, 40, 168);
        min(type, len, 40 + (bits.b(38) ? 30 : 0) + (bits.b(39) ? 16 : 0));
        return new SingleSlotBinaryMessage(bits);
      case 26:
        range(type, len, 60, 1004);
        min(type, len, 60 + (bits.b(38) ? 30 : 0) + (bits.b(39) ? 16 : 0));
        return new MultipleSlotBinaryMessage(bits);
      case 27:
        range(type, len, 96, 168);
        LongRangePositionReport lr = new LongRangePositionReport(bits);
        coordinates(lr.lat(), lr.lon());
        return lr;
      default:
        throw new AisException("unknown message type " + type);
    }
  }

  /**
   * Rejects coordinates outside the globe. "Not available" (91/181, NaN here) is valid; anything
   * else beyond +-90/+-180 is a corrupt or forged report, and a pipeline must not draw it on a map.
   */
  private static void coordinates(double lat, double lon) throws AisException {
    if (lat < -90 || lat > 90) {
      throw new AisException("latitude out of range: " + lat);
    }
    if (lon < -180 || lon > 180) {
      throw new AisException("longitude out of range: " + lon);
    }
  }

  private static void min(int type, int len, int min) throws AisException {
    if (len < min) {
      throw tooShort(type, len);
    }
  }

  private static void range(int type, int len, int min, int max) throws AisException {
    min(type, len, min);
    if (len > max) {
      throw new AisException("payload too long for type " + type + ": " + len + " bits");
    }
  }

  private static AisException tooShort(int type, int len) {
    if (type == 0 || type > 27) {
      return new AisException("unknown message type " + type);
    }
    return new AisException("payload too short for type " + type + ": " + len + " bits");
  }
}
