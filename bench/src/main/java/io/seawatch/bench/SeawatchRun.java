package io.seawatch.bench;

import io.seawatch.ais.AidToNavigationReport;
import io.seawatch.ais.AisDecoder;
import io.seawatch.ais.AisException;
import io.seawatch.ais.AisJson;
import io.seawatch.ais.AisMessage;
import io.seawatch.ais.BaseStationReport;
import io.seawatch.ais.ExtendedPositionReportClassB;
import io.seawatch.ais.LongRangePositionReport;
import io.seawatch.ais.MultipartAssembler;
import io.seawatch.ais.NmeaSentence;
import io.seawatch.ais.PositionReportClassA;
import io.seawatch.ais.PositionReportClassB;
import io.seawatch.ais.StaticAndVoyageData;
import io.seawatch.ais.StaticDataReport;
import java.util.List;
import org.openjdk.jmh.infra.Blackhole;

/**
 * One pass of the Seawatch decoder over a corpus, the way the {@code seawatch decode} command
 * drives it: parse each line (checksums of sentence and tag block), reassemble multipart messages
 * with {@link MultipartAssembler} (expiry by tag-block time, orphans drained), decode, then read
 * the fields of {@link Fields}. Each method returns the number of messages decoded.
 */
final class SeawatchRun {
  private static final long MULTIPART_TIMEOUT_MILLIS = 60_000;

  private SeawatchRun() {}

  /** Parse and validate each line; no reassembly, no bit decoding. */
  static long parseOnly(String[] lines, Blackhole bh) {
    long parsed = 0;
    for (String line : lines) {
      try {
        NmeaSentence s = NmeaSentence.parse(line);
        bh.consume(s.receiveTimeMillis());
        bh.consume(s.fragmentNumber());
        parsed++;
      } catch (AisException e) {
        bh.consume(e);
      }
    }
    return parsed;
  }

  /** Parse, reassemble, decode and read the fields. */
  static long decode(String[] lines, Blackhole bh) {
    return run(lines, bh, null);
  }

  /** Parse, reassemble, decode and write each message as gpsd JSON (into a reused buffer). */
  static long decodeToJson(String[] lines, Blackhole bh) {
    return run(lines, bh, new StringBuilder(512));
  }

  private static long run(String[] lines, Blackhole bh, StringBuilder json) {
    MultipartAssembler assembler = new MultipartAssembler(MULTIPART_TIMEOUT_MILLIS);
    long messages = 0;
    for (String line : lines) {
      NmeaSentence s;
      try {
        s = NmeaSentence.parse(line);
      } catch (AisException e) {
        bh.consume(e);
        continue;
      }
      long time = s.receiveTimeMillis();
      bh.consume(time);
      if (time >= 0) {
        bh.consume(assembler.expire(time));
      }
      List<NmeaSentence> done = assembler.add(s, time);
      bh.consume(assembler.drainOrphans());
      if (done.isEmpty()) {
        continue;
      }
      AisMessage m;
      try {
        m = AisDecoder.decode(done);
      } catch (AisException e) {
        bh.consume(e);
        continue;
      }
      if (json == null) {
        Fields.read(m, bh);
      } else {
        json.setLength(0);
        AisJson.appendJson(m, json);
        bh.consume(json.length());
      }
      messages++;
    }
    bh.consume(assembler.flush());
    return messages;
  }

  /** The fields read per message; {@code AislibRun.Fields} reads the same ones. */
  static final class Fields {
    private Fields() {}

    static void read(AisMessage m, Blackhole bh) {
      bh.consume(m.type());
      bh.consume(m.mmsi());
      if (m instanceof PositionReportClassA a) {
        position(bh, a.lat(), a.lon(), a.speed(), a.course(), a.heading());
        bh.consume(a.status());
      } else if (m instanceof PositionReportClassB b) {
        position(bh, b.lat(), b.lon(), b.speed(), b.course(), b.heading());
      } else if (m instanceof ExtendedPositionReportClassB b) {
        position(bh, b.lat(), b.lon(), b.speed(), b.course(), b.heading());
        bh.consume(b.shipname());
        bh.consume(b.shiptype());
      } else if (m instanceof LongRangePositionReport l) {
        position(bh, l.lat(), l.lon(), l.speed(), l.course(), -1);
        bh.consume(l.status());
      } else if (m instanceof BaseStationReport b) {
        bh.consume(b.lat());
        bh.consume(b.lon());
      } else if (m instanceof StaticAndVoyageData s) {
        bh.consume(s.imo());
        bh.consume(s.callsign());
        bh.consume(s.shipname());
        bh.consume(s.shiptype());
        dims(bh, s.toBow(), s.toStern(), s.toPort(), s.toStarboard());
        bh.consume(s.draught());
        bh.consume(s.destination());
      } else if (m instanceof StaticDataReport s) {
        if (s.isPartA()) {
          bh.consume(s.shipname());
        } else {
          bh.consume(s.callsign());
          bh.consume(s.shiptype());
        }
      } else if (m instanceof AidToNavigationReport a) {
        bh.consume(a.name());
        bh.consume(a.lat());
        bh.consume(a.lon());
      }
    }

    private static void position(
        Blackhole bh, double lat, double lon, double speed, double course, int heading) {
      bh.consume(lat);
      bh.consume(lon);
      bh.consume(speed);
      bh.consume(course);
      bh.consume(heading);
    }

    private static void dims(Blackhole bh, int bow, int stern, int port, int starboard) {
      bh.consume(bow);
      bh.consume(stern);
      bh.consume(port);
      bh.consume(starboard);
    }
  }
}
