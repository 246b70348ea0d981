package toystore.connect;

import java.nio.file.Path;

/**
 * What one run of a tool was given to find the store by; null means "not given".
 *
 * @param dataDirEnv {@code TOYSTORE_DATA_DIR} (environment or {@code ./.env})
 * @param tokenEnv {@code TOYSTORE_ADMIN_TOKEN} (environment or {@code ./.env})
 * @param workingDir what relative paths, and {@code ./data/cluster.json}, are relative to
 */
record StoreSources(
    Path clusterFlag,
    Path dataDirFlag,
    String frontendFlag,
    String agentFlag,
    Path tokenFileFlag,
    String dataDirEnv,
    String tokenEnv,
    Path workingDir) {}
