package io.seawatch.beam;

import io.seawatch.ais.AisDecoder;
import io.seawatch.ais.AisException;
import io.seawatch.ais.AisMessage;
import io.seawatch.ais.AisProjections;
import io.seawatch.ais.NmeaSentence;
import io.seawatch.model.DeadLetter;
import io.seawatch.model.MessageHash;
import io.seawatch.model.RawLine;
import io.seawatch.model.VesselPosition;
import io.seawatch.model.VesselStatic;
import java.io.Serializable;
import java.util.List;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn.MultiOutputReceiver;
import org.joda.time.Instant;

/** Decodes complete sentences and fans the message out; shared by the decoding DoFns. */
final class MessageEmitter implements Serializable {
  private static final long serialVersionUID = 1L;

  private final Counter linesDecoded =
      Metrics.counter(IngestMetrics.NAMESPACE, IngestMetrics.LINES_DECODED);
  private final Counter messagesDecoded =
      Metrics.counter(IngestMetrics.NAMESPACE, IngestMetrics.MESSAGES_DECODED);
  private final Counter deadLetters =
      Metrics.counter(IngestMetrics.NAMESPACE, IngestMetrics.DEAD_LETTERS);

  /**
   * Decodes {@code sentences} (all fragments of one message, in order) read from {@code raws}.
   *
   * @param explicitTimestamp whether outputs need {@code outputWithTimestamp} (their event time
   *     differs from the current element's)
   */
  void emit(
      MultiOutputReceiver out,
      List<NmeaSentence> sentences,
      List<RawLine> raws,
      long eventTimeMillis,
      boolean explicitTimestamp) {
    AisMessage message;
    try {
      message = AisDecoder.decode(sentences);
    } catch (AisException e) {
      for (RawLine raw : raws) {
        deadLetter(out, raw, DeadLetter.Stage.DECODE, e.reason(), eventTimeMillis);
      }
      return;
    }
    messagesDecoded.inc();
    linesDecoded.inc(raws.size());
    long hash = MessageHash.start(eventTimeMillis);
    for (NmeaSentence s : sentences) {
      hash = MessageHash.update(hash, s.payload());
    }
    Instant ts = new Instant(eventTimeMillis);
    VesselPosition position =
        AisProjections.toPosition(message, eventTimeMillis, hash, sourceOf(sentences));
    if (position != null) {
      output(out.get(DecodeAisSentences.POSITIONS), position, ts, explicitTimestamp);
    }
    VesselStatic stat = AisProjections.toStatic(message, eventTimeMillis);
    if (stat != null) {
      output(out.get(DecodeAisSentences.STATICS), stat, ts, explicitTimestamp);
    }
    output(out.get(DecodeAisSentences.MESSAGE_TYPES), message.type(), ts, explicitTimestamp);
  }

  /**
   * The receiving source (tag block s:) of a message: that of its first fragment that names one
   * (continuation lines of a tag-block group carry only g:), "" if none does.
   */
  static String sourceOf(List<NmeaSentence> sentences) {
    for (NmeaSentence s : sentences) {
      if (s.tagBlock() != null && s.tagBlock().source() != null) {
        return s.tagBlock().source();
      }
    }
    return "";
  }

  /** One dead letter for one line, timestamped with the line's own event time. */
  void deadLetter(
      MultiOutputReceiver out, RawLine raw, DeadLetter.Stage stage, String reason, long eventTime) {
    deadLetters.inc();
    out.get(DecodeAisSentences.DEAD_LETTERS)
        .outputWithTimestamp(
            new DeadLetter(raw.line(), stage, reason, raw.origin(), eventTime),
            new Instant(eventTime));
  }

  private static <T> void output(
      org.apache.beam.sdk.transforms.DoFn.OutputReceiver<T> receiver,
      T value,
      Instant ts,
      boolean explicit) {
    if (explicit) {
      receiver.outputWithTimestamp(value, ts);
    } else {
      receiver.output(value);
    }
  }
}
