package io.seawatch.bench;

import dk.dma.ais.binary.SixbitException;
import dk.dma.ais.message.AisMessage;
import dk.dma.ais.message.AisMessage19;
import dk.dma.ais.message.AisMessage21;
import dk.dma.ais.message.AisMessage24;
import dk.dma.ais.message.AisMessage27;
import dk.dma.ais.message.AisMessage4;
import dk.dma.ais.message.AisMessage5;
import dk.dma.ais.message.AisMessageException;
import dk.dma.ais.message.AisPosition;
import dk.dma.ais.message.AisPositionMessage;
import dk.dma.ais.message.IVesselPositionMessage;
import dk.dma.ais.sentence.CommentBlock;
import dk.dma.ais.sentence.SentenceException;
import dk.dma.ais.sentence.SentenceLine;
import dk.dma.ais.sentence.Vdm;
import org.openjdk.jmh.infra.Blackhole;

/**
 * One pass of AisLib ({@code ais-lib-messages} 2.8.5) over a corpus, driven the way AisLib's own
 * stream reader ({@code AisPacketParser} in ais-lib-communication) drives it: one reused
 * {@link SentenceLine}, one {@link Vdm} collecting the fragments of the current message (it
 * checks the checksum, parses the tag block into a {@link CommentBlock} and de-armors the payload
 * as it goes), a fresh {@link Vdm} after each message or error, and one retry of the line that
 * broke a sequence. A complete {@link Vdm} becomes a message via {@link AisMessage#getInstance},
 * which decodes every field eagerly; then the same fields as {@code SeawatchRun.Fields} are read.
 * Each method returns the number of messages decoded.
 */
final class AislibRun {
  private AislibRun() {}

  /** Sentence parsing and multipart collection (includes de-armoring), no message decoding. */
  static long parseOnly(String[] lines, Blackhole bh) {
    return run(lines, bh, false);
  }

  /** Parse, reassemble, decode and read the fields. */
  static long decode(String[] lines, Blackhole bh) {
    return run(lines, bh, true);
  }

  private static long run(String[] lines, Blackhole bh, boolean decode) {
    SentenceLine sl = new SentenceLine();
    Vdm vdm = new Vdm();
    long messages = 0;
    for (String line : lines) {
      sl.parse(line);
      int result;
      try {
        result = vdm.parse(sl);
      } catch (SentenceException first) {
        // As AisPacketParser: drop the group, retry the line as the start of a new one.
        vdm = new Vdm();
        try {
          result = vdm.parse(sl);
        } catch (SentenceException | RuntimeException e) {
          bh.consume(e);
          vdm = new Vdm();
          continue;
        }
      } catch (RuntimeException e) {
        bh.consume(e);
        vdm = new Vdm();
        continue;
      }
      if (result != 0) {
        continue; // waiting for more fragments
      }
      CommentBlock cb = vdm.getCommentBlock();
      bh.consume(cb == null ? null : cb.getTimestamp());
      if (decode) {
        try {
          Fields.read(AisMessage.getInstance(vdm), bh);
          messages++;
        } catch (AisMessageException | SixbitException | RuntimeException e) {
          bh.consume(e);
        }
      } else {
        bh.consume(vdm.getMsgId());
        messages++;
      }
      vdm = new Vdm();
    }
    return messages;
  }

  /** The same fields, scaled the same way, as {@code SeawatchRun.Fields}. */
  static final class Fields {
    private Fields() {}

    static void read(AisMessage m, Blackhole bh) {
      bh.consume(m.getMsgId());
      bh.consume(m.getUserId());
      if (m instanceof AisPositionMessage a) { // types 1, 2, 3
        position(bh, a.getPos(), a.getSog(), a.getCog(), a.getTrueHeading());
        bh.consume(a.getNavStatus());
      } else if (m instanceof AisMessage19 b) {
        position(bh, b.getPos(), b.getSog(), b.getCog(), b.getTrueHeading());
        bh.consume(b.getName());
        bh.consume(b.getShipType());
      } else if (m instanceof IVesselPositionMessage b) { // type 18
        position(bh, b.getPos(), b.getSog(), b.getCog(), b.getTrueHeading());
      } else if (m instanceof AisMessage27 l) { // whole knots and degrees, 63 / 511 not available
        latLon(bh, l.getPos());
        bh.consume(l.getSog() == 63 ? Double.NaN : (double) l.getSog());
        bh.consume(l.getCog() == 511 ? Double.NaN : (double) l.getCog());
        bh.consume(-1);
        bh.consume(l.getNavStatus());
      } else if (m instanceof AisMessage4 b) {
        latLon(bh, b.getPos());
      } else if (m instanceof AisMessage5 s) {
        bh.consume(s.getImo());
        bh.consume(s.getCallsign());
        bh.consume(s.getName());
        bh.consume(s.getShipType());
        dims(bh, s.getDimBow(), s.getDimStern(), s.getDimPort(), s.getDimStarboard());
        bh.consume(s.getDraught() / 10.0);
        bh.consume(s.getDest());
      } else if (m instanceof AisMessage24 s) {
        if (s.getPartNumber() == 0) {
          bh.consume(s.getName());
        } else {
          bh.consume(s.getCallsign());
          bh.consume(s.getShipType());
        }
      } else if (m instanceof AisMessage21 a) {
        bh.consume(a.getName());
        latLon(bh, a.getPos());
      }
    }

    private static void position(Blackhole bh, AisPosition pos, int sog, int cog, int heading) {
      latLon(bh, pos);
      // Scaled and "not available" mapped as Seawatch's accessors do.
      bh.consume(sog == 1023 ? Double.NaN : sog / 10.0);
      bh.consume(cog >= 3600 ? Double.NaN : cog / 10.0);
      bh.consume(heading == 511 ? -1 : heading);
    }

    private static void latLon(Blackhole bh, AisPosition pos) {
      bh.consume(pos.getLatitudeDouble());
      bh.consume(pos.getLongitudeDouble());
    }

    private static void dims(Blackhole bh, int bow, int stern, int port, int starboard) {
      bh.consume(bow);
      bh.consume(stern);
      bh.consume(port);
      bh.consume(starboard);
    }
  }
}
