/*
 * crownpath: starts a Neo4j 5.26 Community DBMS from the jars that
 * scripts/neo4j-local/pom.xml copies out of Maven Central, for machines
 * without Docker (development and CI). Run as a single source file:
 *
 *   java -cp '<cache>/lib/*' scripts/neo4j-local/Launcher.java
 *
 * Settings come from the environment (scripts/neo4j-local.sh sets them):
 *   CROWNPATH_NEO4J_DATA      home/data directory (outside the checkout), required
 *   CROWNPATH_NEO4J_PORT      Bolt port on 127.0.0.1 (default 7687)
 *   CROWNPATH_NEO4J_PASSWORD  when set, auth is on and user `neo4j` gets this password;
 *                             when unset, auth is off (tests only, loopback only)
 *   CROWNPATH_NEO4J_PAGECACHE page cache size (default 256m)
 *
 * It prints `crownpath-neo4j: ready bolt://127.0.0.1:<port>` once the DBMS is
 * up and shuts the DBMS down cleanly on SIGTERM/SIGINT. The Bolt connector only
 * ever listens on loopback.
 */
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.io.ByteUnit;

public class Launcher {
    public static void main(String[] args) throws Exception {
        long started = System.nanoTime();
        String data = System.getenv("CROWNPATH_NEO4J_DATA");
        if (data == null || data.isBlank()) {
            System.err.println("crownpath-neo4j: CROWNPATH_NEO4J_DATA is not set");
            System.exit(2);
        }
        int port = Integer.parseInt(envOr("CROWNPATH_NEO4J_PORT", "7687"));
        String password = System.getenv("CROWNPATH_NEO4J_PASSWORD");
        boolean auth = password != null && !password.isEmpty();
        Path home = Path.of(data).toAbsolutePath();
        Files.createDirectories(home);

        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home)
            // Loopback only: this server exists for tests and local development.
            .setConfig(BoltConnector.enabled, true)
            .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
            .setConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", port))
            .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
            .setConfig(GraphDatabaseSettings.auth_enabled, auth)
            // Small footprint: the machines have 2 cores and other things to run.
            .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.parse(envOr("CROWNPATH_NEO4J_PAGECACHE", "256m")))
            .setConfig(GraphDatabaseSettings.transaction_timeout, Duration.ofMinutes(10))
            .build();

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("crownpath-neo4j: shutting down");
            dbms.shutdown();
            stopped.countDown();
        }));

        if (auth) {
            // The built-in user starts with password `neo4j` and "change required"; set ours.
            dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME).executeTransactionally(
                "ALTER USER neo4j IF EXISTS SET PASSWORD $password CHANGE NOT REQUIRED",
                Map.of("password", password));
        }
        // Touch the default database so the first client does not pay for its start.
        dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME).executeTransactionally("RETURN 1");

        long ms = (System.nanoTime() - started) / 1_000_000;
        System.out.println("crownpath-neo4j: ready bolt://127.0.0.1:" + port + " in " + ms + " ms (auth " + (auth ? "on" : "off") + ")");
        System.out.flush();
        stopped.await();
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
