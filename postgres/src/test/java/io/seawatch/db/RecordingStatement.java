package io.seawatch.db;

import java.lang.reflect.Proxy;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A PreparedStatement stand-in that records the parameters bound to it (no database). */
final class RecordingStatement {
  /** Parameter index -> "setter:value" (e.g. "setInt:5", "setNull:8"). */
  final Map<Integer, String> params = new TreeMap<>();

  final List<String> calls = new ArrayList<>();

  final PreparedStatement statement =
      (PreparedStatement)
          Proxy.newProxyInstance(
              RecordingStatement.class.getClassLoader(),
              new Class<?>[] {PreparedStatement.class},
              (proxy, method, args) -> {
                calls.add(method.getName());
                if (method.getName().startsWith("set") && args != null && args.length >= 2) {
                  Object v = args[1];
                  String shown =
                      method.getName().equals("setNull")
                          ? "null"
                          : v instanceof byte[] b ? "bytes" + b.length : String.valueOf(v);
                  params.put((Integer) args[0], method.getName() + ":" + shown);
                  return null;
                }
                throw new UnsupportedOperationException(method.getName());
              });
}
