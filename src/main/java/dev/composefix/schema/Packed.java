package dev.composefix.schema;

import dev.composefix.yaml.Document;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plain values ({@link Values}: maps, lists, strings, numbers, booleans, null) in a compact binary
 * form. The build packs the shipped knowledge tables and the compose schema next to their sources
 * ({@link #main}), so that a run reads them in a few hundred microseconds instead of parsing YAML
 * and JSON in a cold JVM; the sources stay the only thing anyone edits, and a test checks that the
 * packed form reads back to exactly what the source parses to.
 */
public final class Packed {
  /** The file suffix of a packed resource, added to its source's name. */
  public static final String SUFFIX = ".bin";

  private static final int MAGIC = 0x43465631; // "CFV1"
  private static final int NULL = 0;
  private static final int MAP = 1;
  private static final int LIST = 2;
  private static final int STRING = 3;
  private static final int LONG = 4;
  private static final int DOUBLE = 5;
  private static final int TRUE = 6;
  private static final int FALSE = 7;
  private static final int BIG = 8;

  private Packed() {}

  /** The packed form of a value. */
  public static byte[] pack(Object value) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(MAGIC);
      write(value, out);
    } catch (IOException e) {
      throw new IllegalStateException(e); // a byte array does not fail
    }
    return bytes.toByteArray();
  }

  private static void write(Object v, DataOutputStream out) throws IOException {
    if (v == null) {
      out.writeByte(NULL);
    } else if (v instanceof Map<?, ?> m) {
      out.writeByte(MAP);
      out.writeInt(m.size());
      for (Map.Entry<?, ?> e : m.entrySet()) {
        string((String) e.getKey(), out);
        write(e.getValue(), out);
      }
    } else if (v instanceof List<?> l) {
      out.writeByte(LIST);
      out.writeInt(l.size());
      for (Object o : l) {
        write(o, out);
      }
    } else if (v instanceof String s) {
      out.writeByte(STRING);
      string(s, out);
    } else if (v instanceof Long n) {
      out.writeByte(LONG);
      out.writeLong(n);
    } else if (v instanceof Double d) {
      out.writeByte(DOUBLE);
      out.writeDouble(d);
    } else if (v instanceof Boolean b) {
      out.writeByte(b ? TRUE : FALSE);
    } else if (v instanceof BigInteger b) {
      out.writeByte(BIG);
      string(b.toString(), out);
    } else {
      throw new IllegalArgumentException("not a plain value: " + v.getClass().getName());
    }
  }

  private static void string(String s, DataOutputStream out) throws IOException {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(b.length);
    out.write(b);
  }

  /** Reads a packed value; the stream is read to the value's end. */
  public static Object unpack(InputStream in) throws IOException {
    DataInputStream data = new DataInputStream(new BufferedInputStream(in, 1 << 16));
    if (data.readInt() != MAGIC) {
      throw new IOException("not a packed value");
    }
    return read(data);
  }

  private static Object read(DataInputStream in) throws IOException {
    int tag = in.readByte();
    switch (tag) {
      case NULL:
        return null;
      case MAP:
        {
          int n = in.readInt();
          Map<String, Object> m = new LinkedHashMap<>(Math.max(4, n * 4 / 3 + 1));
          for (int i = 0; i < n; i++) {
            String k = string(in);
            m.put(k, read(in));
          }
          return m;
        }
      case LIST:
        {
          int n = in.readInt();
          List<Object> l = new ArrayList<>(n);
          for (int i = 0; i < n; i++) {
            l.add(read(in));
          }
          return l;
        }
      case STRING:
        return string(in);
      case LONG:
        return in.readLong();
      case DOUBLE:
        return in.readDouble();
      case TRUE:
        return Boolean.TRUE;
      case FALSE:
        return Boolean.FALSE;
      case BIG:
        return new BigInteger(string(in));
      default:
        throw new IOException("bad tag " + tag);
    }
  }

  private static String string(DataInputStream in) throws IOException {
    byte[] b = new byte[in.readInt()];
    in.readFully(b);
    return new String(b, StandardCharsets.UTF_8);
  }

  /**
   * Build step: packs each resource (a path under the classes directory, YAML or JSON) into the
   * same place with {@link #SUFFIX} added. Arguments: the classes directory, then the resources.
   */
  public static void main(String[] args) throws Exception {
    Path classes = Path.of(args[0]);
    for (int i = 1; i < args.length; i++) {
      Path src = classes.resolve(args[i]);
      String text = Files.readString(src);
      Object value = Values.of(Document.parse(text).root);
      Files.write(classes.resolve(args[i] + SUFFIX), pack(value));
    }
  }
}
