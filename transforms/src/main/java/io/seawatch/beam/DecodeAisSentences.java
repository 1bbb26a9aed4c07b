package io.seawatch.beam;

import io.seawatch.beam.coders.RawLineCoder;
import io.seawatch.model.DeadLetter;
import io.seawatch.model.RawLine;
import io.seawatch.model.VesselPosition;
import io.seawatch.model.VesselStatic;
import java.util.List;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.joda.time.Duration;

/**
 * Decodes raw AIS lines into positions, static data and message types, with every line that cannot
 * be decoded on the {@link #DEAD_LETTERS} output (raw line, stage, reason, origin).
 *
 * <p>Single-sentence messages are decoded in one stateless step. Fragments of multipart messages
 * are keyed by their input stream (Kafka partition or file) and multipart key and reassembled by
 * {@link ReassembleMultipartFn}, which pairs fragments by their position in the stream so that the
 * result does not depend on arrival order; fragments that cannot be completed within {@code
 * multipartTimeout} of event time become dead letters when the watermark passes.
 *
 * <p>Each output is the {@code Flatten} of two parts: what the stateless parser decoded and what
 * the reassembly completed. {@link #parts} returns them unflattened, for consumers that should
 * chain onto the parser on Flink rather than receive the union (see {@link ApplyToEachPart}).
 *
 * <p>Outputs keep the event time of their input; a multipart message takes the latest event time of
 * its fragments. Element counts reconcile exactly: {@code lines in = lines in decoded messages +
 * dead letters} (counters in {@link IngestMetrics}).
 */
public final class DecodeAisSentences extends PTransform<PCollection<RawLine>, PCollectionTuple> {
  private static final long serialVersionUID = 1L;

  public static final TupleTag<VesselPosition> POSITIONS = new TupleTag<VesselPosition>() {};
  public static final TupleTag<VesselStatic> STATICS = new TupleTag<VesselStatic>() {};
  /** The AIS type of every decoded message, timestamped with its event time. */
  public static final TupleTag<Integer> MESSAGE_TYPES = new TupleTag<Integer>() {};
  public static final TupleTag<DeadLetter> DEAD_LETTERS = new TupleTag<DeadLetter>() {};
  static final TupleTag<KV<String, RawLine>> FRAGMENTS = new TupleTag<KV<String, RawLine>>() {};

  /** The names of the two {@link #parts}: decoded by the parser, completed by the reassembly. */
  public static final List<String> PART_NAMES = List.of("Parsed", "Reassembled");

  static final String STEP_PARSE = "ParseSentences";
  static final String STEP_REASSEMBLE = "ReassembleMultipart";

  private final Duration multipartTimeout;

  private DecodeAisSentences(Duration multipartTimeout) {
    this.multipartTimeout = multipartTimeout;
  }

  /** The default multipart timeout (event time), also of {@code --multipartTimeoutSeconds}. */
  public static final long DEFAULT_MULTIPART_TIMEOUT_SECONDS = 120;

  /** Decoder with the default multipart timeout, two minutes of event time. */
  public static DecodeAisSentences create() {
    return new DecodeAisSentences(Duration.standardSeconds(DEFAULT_MULTIPART_TIMEOUT_SECONDS));
  }

  public DecodeAisSentences withMultipartTimeout(Duration timeout) {
    if (timeout.isShorterThan(Duration.ZERO)) {
      throw new IllegalArgumentException("multipart timeout must not be negative: " + timeout);
    }
    return new DecodeAisSentences(timeout);
  }

  @Override
  public PCollectionTuple expand(PCollection<RawLine> lines) {
    PCollectionTuple parsed =
        lines.apply(
            STEP_PARSE,
            ParDo.of(new ParseSentenceFn())
                .withOutputTags(
                    POSITIONS, TupleTagList.of(STATICS).and(MESSAGE_TYPES).and(DEAD_LETTERS).and(FRAGMENTS)));
    setCoders(parsed);
    parsed.get(FRAGMENTS).setCoder(KvCoder.of(StringUtf8Coder.of(), RawLineCoder.of()));

    PCollectionTuple assembled =
        parsed
            .get(FRAGMENTS)
            .apply(
                STEP_REASSEMBLE,
                ParDo.of(new ReassembleMultipartFn(multipartTimeout,
                        lines.isBounded() == PCollection.IsBounded.UNBOUNDED))
                    .withOutputTags(
                        POSITIONS, TupleTagList.of(STATICS).and(MESSAGE_TYPES).and(DEAD_LETTERS)));
    setCoders(assembled);

    PCollectionTuple out = PCollectionTuple.empty(lines.getPipeline());
    out = withParts(out, parsed, assembled, POSITIONS, "Positions");
    out = withParts(out, parsed, assembled, STATICS, "Statics");
    out = withParts(out, parsed, assembled, MESSAGE_TYPES, "MessageTypes");
    return withParts(out, parsed, assembled, DEAD_LETTERS, "DeadLetters");
  }

  /**
   * The output {@code tag} of {@code decoded} (what this transform returned) in its two parts,
   * named as in {@link #PART_NAMES}, without the Flatten.
   */
  public static <T> PCollectionList<T> parts(PCollectionTuple decoded, TupleTag<T> tag) {
    return PCollectionList.of(decoded.get(partTag(tag, 0))).and(decoded.get(partTag(tag, 1)));
  }

  private static <T> TupleTag<T> partTag(TupleTag<T> tag, int part) {
    return new TupleTag<>(tag.getId() + "#" + PART_NAMES.get(part));
  }

  private static <T> PCollectionTuple withParts(
      PCollectionTuple out,
      PCollectionTuple parsed,
      PCollectionTuple assembled,
      TupleTag<T> tag,
      String name) {
    return out.and(tag, flatten(parsed, assembled, tag, name))
        .and(partTag(tag, 0), parsed.get(tag))
        .and(partTag(tag, 1), assembled.get(tag));
  }

  private static void setCoders(PCollectionTuple t) {
    t.get(POSITIONS).setCoder(io.seawatch.beam.coders.VesselPositionCoder.of());
    t.get(STATICS).setCoder(io.seawatch.beam.coders.VesselStaticCoder.of());
    t.get(MESSAGE_TYPES).setCoder(VarIntCoder.of());
    t.get(DEAD_LETTERS).setCoder(io.seawatch.beam.coders.DeadLetterCoder.of());
  }

  private static <T> PCollection<T> flatten(
      PCollectionTuple a, PCollectionTuple b, TupleTag<T> tag, String name) {
    return PCollectionList.of(a.get(tag))
        .and(b.get(tag))
        .apply("Flatten" + name, Flatten.pCollections())
        .setCoder(a.get(tag).getCoder());
  }
}
