package toystore.order.protocol;

/** One request waiting for its answer; the replica names it in the {@link Effect.Reply} that answers it. */
public record Call(long id) {}
