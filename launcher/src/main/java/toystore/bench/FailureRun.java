package toystore.bench;

import java.util.List;
import toystore.chaos.FaultEvent;
import toystore.load.ClientError;
import toystore.model.Audit;
import toystore.model.ReplicaStatus;

/**
 * The failure experiment: a follower and then the leader killed under load and restarted.
 *
 * @param loadStartedAtMs when the load started, epoch milliseconds: time 0 of the experiment
 * @param faults what was done to the store, when
 * @param longestRequestMs the longest any one client waited for one request (retries inside the
 *     store included): the stall a user would notice
 * @param longestStandstillMs the longest time in which no client finished an iteration at all
 * @param longestStandstillFromMs when that began, epoch milliseconds
 * @param errors every request that failed as a client saw it (the clients do not retry)
 * @param checkPassed whether the consistency checker passed at the end
 * @param checkVerdict the checker's summary line
 * @param replicas every order replica at the end, with its last order and digest
 * @param replicasIdentical whether every replica is alive with the same last order and digest
 */
public record FailureRun(
    Measured load,
    long loadStartedAtMs,
    List<FaultEvent> faults,
    double longestRequestMs,
    long longestStandstillMs,
    long longestStandstillFromMs,
    List<ClientError> errors,
    boolean checkPassed,
    String checkVerdict,
    List<String> violations,
    List<ReplicaStatus> replicas,
    boolean replicasIdentical) {}
