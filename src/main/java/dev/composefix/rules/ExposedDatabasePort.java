package dev.composefix.rules;

import dev.composefix.compose.Service;
import dev.composefix.knowledge.ImageRef;
import dev.composefix.knowledge.Knowledge;
import dev.composefix.rule.Check;
import dev.composefix.rule.RuleContext;
import dev.composefix.yaml.YNode;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reports database ports published on every interface of the host. */
public final class ExposedDatabasePort extends Check {
  /** Ports that only databases and caches use, to what listens there. */
  static final Map<Integer, String> DB_PORTS =
      Map.ofEntries(
          Map.entry(5432, "PostgreSQL"),
          Map.entry(3306, "MySQL/MariaDB"),
          Map.entry(27017, "MongoDB"),
          Map.entry(6379, "Redis"),
          Map.entry(6380, "Redis"),
          Map.entry(11211, "Memcached"),
          Map.entry(9042, "Cassandra"),
          Map.entry(1433, "SQL Server"),
          Map.entry(1521, "Oracle"),
          Map.entry(26257, "CockroachDB"),
          Map.entry(7687, "Neo4j"),
          Map.entry(5984, "CouchDB"),
          Map.entry(28015, "RethinkDB"));

  /** Ports that web apps use too (ownCloud's 9200): named for a database image only. */
  static final Map<Integer, String> SHARED_PORTS =
      Map.of(
          9200,
          "Elasticsearch",
          9300,
          "Elasticsearch",
          8086,
          "InfluxDB",
          8123,
          "ClickHouse",
          9000,
          "ClickHouse");

  /** Images that are databases whatever port they listen on. */
  static final List<String> DB_IMAGES =
      List.of(
          "postgres",
          "*/postgres",
          "postgis/postgis",
          "mysql",
          "*/mysql",
          "mariadb",
          "*/mariadb",
          "mongo",
          "*/mongo",
          "*/mongodb",
          "redis",
          "*/redis",
          "valkey/valkey",
          "*/valkey",
          "eqalpha/keydb",
          "elasticsearch",
          "*/elasticsearch",
          "opensearchproject/opensearch",
          "memcached",
          "cassandra",
          "couchdb",
          "influxdb",
          "neo4j",
          "clickhouse/clickhouse-server",
          "*/clickhouse-server",
          "timescale/timescaledb*",
          "pgvector/pgvector",
          "*/pgvecto-rs",
          "cockroachdb/cockroach",
          "rethinkdb",
          "mcr.microsoft.com/mssql/server",
          "gvenzl/oracle-*");

  /** A published port: host address (null = all), container port text. */
  record Published(String hostIp, String container) {}

  /** Parses the short syntax `[[IP:]HOST:]CONTAINER[/PROTO]`; null when it cannot be read. */
  static Published parseShort(String spec) {
    String s = Images.withDefaults(spec.strip());
    int slash = s.lastIndexOf('/');
    if (slash >= 0) {
      s = s.substring(0, slash);
    }
    String ip = null;
    if (s.startsWith("[")) {
      int close = s.indexOf(']');
      if (close < 0 || close + 1 >= s.length() || s.charAt(close + 1) != ':') {
        return null;
      }
      ip = s.substring(1, close);
      s = s.substring(close + 2);
    }
    String[] parts = s.split(":", -1);
    if (ip == null && parts.length > 3) { // an unbracketed IPv6 address
      ip = String.join(":", Arrays.copyOf(parts, parts.length - 2));
      parts = new String[] {parts[parts.length - 2], parts[parts.length - 1]};
    } else if (ip == null && parts.length == 3) {
      ip = parts[0];
      parts = new String[] {parts[1], parts[2]};
    }
    if (ip != null && ip.isEmpty()) {
      ip = null;
    }
    return new Published(ip, parts[parts.length - 1]);
  }

  static boolean loopback(String ip) {
    String t = ip.strip();
    return t.startsWith("127.") || t.equals("::1") || t.equals("localhost") || t.equals("[::1]");
  }

  /**
   * The first port of a container port or range, variables resolved to their defaults; -1 if
   * unknown.
   */
  static int port(String container) {
    String c = Images.withDefaults(container.strip());
    int dash = c.indexOf('-');
    if (dash > 0) {
      c = c.substring(0, dash);
    }
    try {
      return Integer.parseInt(c);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  @Override
  protected void checkService(RuleContext ctx, Service s, Set<String> oneShot) {
    if (!(s.get("ports") instanceof YNode.Sequence q)) {
      return;
    }
    ImageRef ref = Images.ref(s);
    String dbImage = null;
    if (ref != null) {
      for (String p : DB_IMAGES) {
        if (Knowledge.matches(ref, p)) {
          dbImage = ref.name();
          break;
        }
      }
    }
    for (YNode i : q.items) {
      YNode item = i.resolve();
      String hostIp;
      String container;
      if (item instanceof YNode.Scalar sc && !sc.isNull()) {
        Published p = parseShort(sc.value);
        if (p == null) {
          continue;
        }
        hostIp = p.hostIp();
        container = p.container();
      } else if (item instanceof YNode.Mapping m) {
        hostIp = Fixes.text(m.get("host_ip"));
        container = Fixes.text(m.get("target"));
        if (container == null) {
          continue;
        }
      } else {
        continue;
      }
      if (hostIp != null && item instanceof YNode.Mapping) {
        hostIp = Images.withDefaults(hostIp);
      }
      if (hostIp != null && (hostIp.equals("0.0.0.0") || hostIp.equals("::"))) {
        hostIp = null;
      }
      if (hostIp != null && (hostIp.indexOf(Images.UNKNOWN) >= 0 || loopback(hostIp))) {
        continue; // bound to loopback, or to an address the environment decides
      }
      int port = port(container);
      String what = DB_PORTS.get(port);
      if (what == null && dbImage != null) {
        what = SHARED_PORTS.get(port);
      }
      if (what == null && dbImage == null) {
        continue;
      }
      String name =
          what != null ? what + " port " + port : "port " + container.strip() + " of " + dbImage;
      ctx.report(
          i,
          s,
          "service '"
              + s.name
              + "' publishes "
              + name
              + " on "
              + (hostIp == null ? "every interface of the host" : "host address " + hostIp)
              + ", reachable from the network (and Docker's rules bypass ufw/firewalld); let only the services that"
              + " need it reach it over a compose network and remove the mapping, or bind it to 127.0.0.1"
              + " (`127.0.0.1:HOST:CONTAINER`)");
    }
  }
}
