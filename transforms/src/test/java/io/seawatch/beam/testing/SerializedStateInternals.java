package io.seawatch.beam.testing;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.beam.runners.core.StateInternals;
import org.apache.beam.runners.core.StateNamespace;
import org.apache.beam.runners.core.StateTag;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.state.BagState;
import org.apache.beam.sdk.state.CombiningState;
import org.apache.beam.sdk.state.MapState;
import org.apache.beam.sdk.state.MultimapState;
import org.apache.beam.sdk.state.OrderedListState;
import org.apache.beam.sdk.state.ReadableState;
import org.apache.beam.sdk.state.SetState;
import org.apache.beam.sdk.state.State;
import org.apache.beam.sdk.state.StateContext;
import org.apache.beam.sdk.state.ValueState;
import org.apache.beam.sdk.state.WatermarkHoldState;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.CombineWithContext;
import org.apache.beam.sdk.transforms.windowing.TimestampCombiner;

/**
 * The state of one key, kept encoded the way Flink's RocksDB backend keeps Beam state, with every
 * access counted per state id in a shared {@link Counts}. Each operation counts as the backend
 * call the Flink runner makes for it: value read/write/clear = one get/put/delete; bag add = one
 * merge, bag read = one get of all elements, bag clear = one delete; map get/put/remove = one
 * get/put/delete, map iteration = one scan, map clear = one scan plus one delete per entry.
 * Values and bag elements are encoded on write and decoded on read, so timings include the coder
 * work a real backend does (not RocksDB's own). Supports value, bag and map cells.
 */
public final class SerializedStateInternals implements StateInternals {

  /**
   * Reads and writes per phase and state id, summed over all keys that share this instance. The
   * phase is whatever the caller is doing ({@link #setPhase}), e.g. "process" or "timer".
   */
  public static final class Counts {
    /** One state id's totals. "Elements" are bag elements, or the size of a collection value. */
    public static final class Cell {
      public long readOps;
      public long readElements;
      public long readBytes;
      public long writeOps;
      public long writtenElements;
      public long writtenBytes;

      void add(Cell o) {
        readOps += o.readOps;
        readElements += o.readElements;
        readBytes += o.readBytes;
        writeOps += o.writeOps;
        writtenElements += o.writtenElements;
        writtenBytes += o.writtenBytes;
      }
    }

    private final Map<String, Map<String, Cell>> byPhase = new TreeMap<>();
    private Map<String, Cell> current;

    public Counts() {
      setPhase("");
    }

    public void setPhase(String phase) {
      current = byPhase.computeIfAbsent(phase, k -> new TreeMap<>());
    }

    Cell cell(String id) {
      Cell c = current.get(id);
      if (c == null) {
        c = new Cell();
        current.put(id, c);
      }
      return c;
    }

    /** The totals of the given state ids in one phase, or in all when {@code phase} is null. */
    public Cell of(String phase, String... ids) {
      Cell sum = new Cell();
      for (Map.Entry<String, Map<String, Cell>> p : byPhase.entrySet()) {
        if (phase != null && !phase.equals(p.getKey())) {
          continue;
        }
        for (Map.Entry<String, Cell> c : p.getValue().entrySet()) {
          if (ids.length == 0 || List.of(ids).contains(c.getKey())) {
            sum.add(c.getValue());
          }
        }
      }
      return sum;
    }

    /** Phase -> state id -> totals. */
    public Map<String, Map<String, Cell>> byPhase() {
      return byPhase;
    }
  }

  private final Object key;
  private final Counts counts;
  private final Map<String, State> cells = new HashMap<>();

  public SerializedStateInternals(Object key, Counts counts) {
    this.key = key;
    this.counts = counts;
  }

  @Override
  public Object getKey() {
    return key;
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T extends State> T state(
      StateNamespace namespace, StateTag<T> address, StateContext<?> context) {
    String id = address.getId();
    return (T)
        cells.computeIfAbsent(
            namespace.stringKey() + "/" + id, k -> address.bind(new Binder(counts, id)));
  }

  /** True when no cell holds anything (what a runner would keep for this key). */
  public boolean isEmpty() {
    for (State s : cells.values()) {
      if (!((Stored) s).holdsNothing()) {
        return false;
      }
    }
    return true;
  }

  /** The ids of the cells that still hold something. */
  public List<String> nonEmptyCells() {
    List<String> ids = new ArrayList<>();
    cells.forEach((k, s) -> {
      if (!((Stored) s).holdsNothing()) {
        ids.add(k);
      }
    });
    return ids;
  }

  private interface Stored {
    boolean holdsNothing();
  }

  private static <T> byte[] encode(Coder<T> coder, T value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      coder.encode(value, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static <T> T decode(Coder<T> coder, byte[] bytes) {
    try {
      return coder.decode(new ByteArrayInputStream(bytes));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static long elements(Object value) {
    return value instanceof Collection<?> c ? c.size() : 1;
  }

  /** Where one cell's accesses are counted: the counts' current phase, under the cell's id. */
  private record Counter(Counts counts, String id) {
    Counts.Cell get() {
      return counts.cell(id);
    }
  }

  private static final class Binder implements StateTag.StateBinder {
    private final Counter count;

    Binder(Counts counts, String id) {
      this.count = new Counter(counts, id);
    }

    @Override
    public <T> ValueState<T> bindValue(StateTag<ValueState<T>> address, Coder<T> coder) {
      return new Value<>(coder, count);
    }

    @Override
    public <T> BagState<T> bindBag(StateTag<BagState<T>> address, Coder<T> elemCoder) {
      return new Bag<>(elemCoder, count);
    }

    @Override
    public <K, V> MapState<K, V> bindMap(
        StateTag<MapState<K, V>> spec, Coder<K> mapKeyCoder, Coder<V> mapValueCoder) {
      return new MapCell<>(mapKeyCoder, mapValueCoder, count);
    }

    @Override
    public <T> SetState<T> bindSet(StateTag<SetState<T>> spec, Coder<T> elemCoder) {
      throw new UnsupportedOperationException("set state");
    }

    @Override
    public <K, V> MultimapState<K, V> bindMultimap(
        StateTag<MultimapState<K, V>> spec, Coder<K> keyCoder, Coder<V> valueCoder) {
      throw new UnsupportedOperationException("multimap state");
    }

    @Override
    public <T> OrderedListState<T> bindOrderedList(
        StateTag<OrderedListState<T>> spec, Coder<T> elemCoder) {
      throw new UnsupportedOperationException("ordered list state");
    }

    @Override
    public <InputT, AccumT, OutputT>
        CombiningState<InputT, AccumT, OutputT> bindCombiningValue(
            StateTag<CombiningState<InputT, AccumT, OutputT>> address,
            Coder<AccumT> accumCoder,
            Combine.CombineFn<InputT, AccumT, OutputT> combineFn) {
      throw new UnsupportedOperationException("combining state");
    }

    @Override
    public <InputT, AccumT, OutputT>
        CombiningState<InputT, AccumT, OutputT> bindCombiningValueWithContext(
            StateTag<CombiningState<InputT, AccumT, OutputT>> address,
            Coder<AccumT> accumCoder,
            CombineWithContext.CombineFnWithContext<InputT, AccumT, OutputT> combineFn) {
      throw new UnsupportedOperationException("combining state");
    }

    @Override
    public WatermarkHoldState bindWatermark(
        StateTag<WatermarkHoldState> address, TimestampCombiner timestampCombiner) {
      throw new UnsupportedOperationException("watermark hold state");
    }
  }

  private static final class Value<T> implements ValueState<T>, Stored {
    private final Coder<T> coder;
    private final Counter count;
    private byte[] bytes;

    Value(Coder<T> coder, Counter count) {
      this.coder = coder;
      this.count = count;
    }

    @Override
    public void write(T input) {
      bytes = encode(coder, input);
      count.get().writeOps++;
      count.get().writtenElements += elements(input);
      count.get().writtenBytes += bytes.length;
    }

    @Override
    public T read() {
      count.get().readOps++;
      if (bytes == null) {
        return null;
      }
      T value = decode(coder, bytes);
      count.get().readElements += elements(value);
      count.get().readBytes += bytes.length;
      return value;
    }

    @Override
    public ValueState<T> readLater() {
      return this;
    }

    @Override
    public void clear() {
      bytes = null;
      count.get().writeOps++;
    }

    @Override
    public boolean holdsNothing() {
      return bytes == null;
    }
  }

  private static final class Bag<T> implements BagState<T>, Stored {
    private final Coder<T> coder;
    private final Counter count;
    private final List<byte[]> elements = new ArrayList<>();

    Bag(Coder<T> coder, Counter count) {
      this.coder = coder;
      this.count = count;
    }

    @Override
    public void add(T value) {
      byte[] b = encode(coder, value);
      elements.add(b);
      count.get().writeOps++;
      count.get().writtenElements++;
      count.get().writtenBytes += b.length;
    }

    @Override
    public Iterable<T> read() {
      List<T> out = new ArrayList<>(elements.size());
      long bytes = 0;
      for (byte[] b : elements) {
        out.add(decode(coder, b));
        bytes += b.length;
      }
      Counts.Cell c = count.get();
      c.readOps++;
      c.readElements += out.size();
      c.readBytes += bytes;
      return out;
    }

    @Override
    public ReadableState<Boolean> isEmpty() {
      return new ReadableState<>() {
        @Override
        public Boolean read() {
          count.get().readOps++;
          return elements.isEmpty();
        }

        @Override
        public ReadableState<Boolean> readLater() {
          return this;
        }
      };
    }

    @Override
    public BagState<T> readLater() {
      return this;
    }

    @Override
    public void clear() {
      elements.clear();
      count.get().writeOps++;
    }

    @Override
    public boolean holdsNothing() {
      return elements.isEmpty();
    }
  }

  private static final class MapCell<K, V> implements MapState<K, V>, Stored {
    private final Coder<K> keyCoder;
    private final Coder<V> valueCoder;
    private final Counter count;
    private final Map<ByteBuffer, byte[]> entries = new LinkedHashMap<>();

    MapCell(Coder<K> keyCoder, Coder<V> valueCoder, Counter count) {
      this.keyCoder = keyCoder;
      this.valueCoder = valueCoder;
      this.count = count;
    }

    private ByteBuffer keyOf(K k) {
      return ByteBuffer.wrap(encode(keyCoder, k));
    }

    private V readValue(ByteBuffer k, V defaultValue) {
      count.get().readOps++;
      byte[] b = entries.get(k);
      if (b == null) {
        return defaultValue;
      }
      V value = decode(valueCoder, b);
      count.get().readElements += elements(value);
      count.get().readBytes += k.remaining() + b.length;
      return value;
    }

    @Override
    public void put(K k, V value) {
      ByteBuffer kb = keyOf(k);
      byte[] b = encode(valueCoder, value);
      entries.put(kb, b);
      count.get().writeOps++;
      count.get().writtenElements += elements(value);
      count.get().writtenBytes += kb.remaining() + b.length;
    }

    @Override
    public ReadableState<V> computeIfAbsent(K k, Function<? super K, ? extends V> f) {
      ByteBuffer kb = keyOf(k);
      V old = readValue(kb, null);
      if (old == null) {
        put(k, f.apply(k));
      }
      return immediate(old);
    }

    @Override
    public void remove(K k) {
      entries.remove(keyOf(k));
      count.get().writeOps++;
    }

    @Override
    public ReadableState<V> get(K k) {
      return getOrDefault(k, null);
    }

    @Override
    public ReadableState<V> getOrDefault(K k, V defaultValue) {
      ByteBuffer kb = keyOf(k);
      return new ReadableState<>() {
        @Override
        public V read() {
          return readValue(kb, defaultValue);
        }

        @Override
        public ReadableState<V> readLater() {
          return this;
        }
      };
    }

    private Map<K, V> scan() {
      count.get().readOps++;
      Map<K, V> out = new LinkedHashMap<>();
      for (Map.Entry<ByteBuffer, byte[]> e : entries.entrySet()) {
        byte[] kb = new byte[e.getKey().remaining()];
        e.getKey().duplicate().get(kb);
        V value = decode(valueCoder, e.getValue());
        out.put(decode(keyCoder, kb), value);
        count.get().readElements += elements(value);
        count.get().readBytes += kb.length + e.getValue().length;
      }
      return out;
    }

    @Override
    public ReadableState<Iterable<K>> keys() {
      return immediate(new ArrayList<>(scan().keySet()));
    }

    @Override
    public ReadableState<Iterable<V>> values() {
      return immediate(new ArrayList<>(scan().values()));
    }

    @Override
    public ReadableState<Iterable<Map.Entry<K, V>>> entries() {
      return immediate(new ArrayList<>(scan().entrySet()));
    }

    @Override
    public ReadableState<Boolean> isEmpty() {
      return new ReadableState<>() {
        @Override
        public Boolean read() {
          count.get().readOps++;
          return entries.isEmpty();
        }

        @Override
        public ReadableState<Boolean> readLater() {
          return this;
        }
      };
    }

    @Override
    public void clear() {
      count.get().readOps++;
      count.get().writeOps += entries.size();
      entries.clear();
    }

    @Override
    public boolean holdsNothing() {
      return entries.isEmpty();
    }

    private static <T> ReadableState<T> immediate(T value) {
      return new ReadableState<>() {
        @Override
        public T read() {
          return value;
        }

        @Override
        public ReadableState<T> readLater() {
          return this;
        }
      };
    }
  }
}
