package duegraph;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.io.ByteUnit;

/**
 * Runs an embedded Neo4j 5.26 community server reachable over Bolt, as in the Neo4j Java
 * reference ("Accessing Neo4j embedded via the Bolt protocol").
 *
 * <p>Usage: {@code Neo4jLocal <home-dir> <bolt-host> <bolt-port> <pagecache-mb> [auth|noauth]}.
 * Authentication is off by default: acceptable only because Bolt listens on a loopback address,
 * which the Python side enforces before it launches us. {@code auth} turns it on (user neo4j,
 * initial password "neo4j" that must be changed), which tests use to check credential errors.
 */
public final class Neo4jLocal {
  private Neo4jLocal() {}

  public static void main(String[] args) throws InterruptedException {
    if (args.length < 4 || args.length > 5) {
      System.err.println(
          "usage: Neo4jLocal <home-dir> <bolt-host> <bolt-port> <pagecache-mb> [auth|noauth]");
      System.exit(2);
    }
    Path home = Path.of(args[0]).toAbsolutePath();
    String host = args[1];
    int port = Integer.parseInt(args[2]);
    long pageCacheMb = Long.parseLong(args[3]);
    boolean auth = args.length == 5 && args[4].equals("auth");

    DatabaseManagementService service =
        new DatabaseManagementServiceBuilder(home)
            .setConfig(BoltConnector.enabled, true)
            .setConfig(BoltConnector.listen_address, new SocketAddress(host, port))
            .setConfig(BoltConnector.advertised_address, new SocketAddress(host, port))
            .setConfig(HttpConnector.enabled, false)
            .setConfig(GraphDatabaseSettings.auth_enabled, auth)
            .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(pageCacheMb))
            // Bound what one query may hold so a runaway query fails instead of the JVM.
            .setConfig(GraphDatabaseSettings.memory_transaction_global_max_size, 0L)
            .setConfig(GraphDatabaseSettings.shutdown_transaction_end_timeout, Duration.ofSeconds(5))
            .build();

    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  service.shutdown();
                  stopped.countDown();
                }));
    System.out.println("duegraph-neo4j ready bolt://" + host + ":" + port);
    System.out.flush();
    stopped.await();
  }
}
