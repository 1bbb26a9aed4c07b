package io.seawatch.beam;

import io.seawatch.ais.AisException;
import io.seawatch.ais.NmeaSentence;
import io.seawatch.model.DeadLetter;
import io.seawatch.model.RawLine;
import io.seawatch.model.VesselPosition;
import java.util.List;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;
import org.joda.time.Instant;

/**
 * Parses the NMEA framing of one line (main output: positions). Single-sentence messages are decoded right here; fragments
 * of multipart messages go to the {@link DecodeAisSentences#FRAGMENTS} output keyed by input stream
 * and multipart key; framing errors become dead letters.
 */
final class ParseSentenceFn extends DoFn<RawLine, VesselPosition> {
  private static final long serialVersionUID = 1L;

  private final Counter linesIn = Metrics.counter(IngestMetrics.NAMESPACE, IngestMetrics.LINES_IN);
  private final MessageEmitter emitter = new MessageEmitter();

  @ProcessElement
  public void process(@Element RawLine raw, @Timestamp Instant timestamp, MultiOutputReceiver out) {
    linesIn.inc();
    NmeaSentence sentence;
    try {
      sentence = NmeaSentence.parse(raw.line());
    } catch (AisException e) {
      emitter.deadLetter(out, raw, DeadLetter.Stage.NMEA, e.reason(), timestamp.getMillis());
      return;
    }
    if (sentence.isMultipart()) {
      out.get(DecodeAisSentences.FRAGMENTS)
          .output(KV.of(raw.origin().streamKey() + '|' + sentence.multipartKey(), raw));
    } else {
      emitter.emit(out, List.of(sentence), List.of(raw), timestamp.getMillis(), false);
    }
  }
}
