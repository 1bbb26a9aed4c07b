package io.seawatch.beam.sinks;

import io.seawatch.rules.Alert;
import java.util.Map;
import java.util.Objects;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.io.kafka.KafkaIO;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PDone;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes alerts to a Kafka topic ({@code seawatch.alerts}): key the alert id (decimal), value
 * {@link Alert#toJson}. At least once: a replay after a failure sends a version again, which a
 * consumer applying records by id with {@link Alert#later} absorbs. The job feeds it the output of
 * {@link WriteAlerts}, so an alert reaches the topic only after the table has committed it. Records of one alert id come
 * from one keyed reconciliation step and keep their order on the topic's partition for that key.
 */
public final class PublishAlerts extends PTransform<PCollection<Alert>, PDone> {
  public static final String TO_RECORDS_STEP = "ToRecords";
  public static final String WRITE_STEP = "WriteToKafka";

  private final String bootstrapServers;
  private final String topic;

  private PublishAlerts(String bootstrapServers, String topic) {
    this.bootstrapServers = Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    this.topic = Objects.requireNonNull(topic, "topic");
  }

  public static PublishAlerts to(String bootstrapServers, String topic) {
    return new PublishAlerts(bootstrapServers, topic);
  }

  @Override
  public PDone expand(PCollection<Alert> alerts) {
    return alerts
        .apply(
            TO_RECORDS_STEP,
            MapElements.into(TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptors.strings()))
                .via((Alert a) -> KV.of(Long.toString(a.id()), a.toJson())))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of()))
        .apply(
            WRITE_STEP,
            KafkaIO.<String, String>write()
                .withBootstrapServers(bootstrapServers)
                .withTopic(topic)
                .withKeySerializer(StringSerializer.class)
                .withValueSerializer(StringSerializer.class)
                // Alerts are few and wanted now: send at once rather than fill batches.
                .withProducerConfigUpdates(Map.of("linger.ms", 0, "acks", "all")));
  }
}
