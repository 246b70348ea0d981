package toystore.order.protocol;

import java.util.function.Consumer;

/** The one write on its way to disk, and what follows once it is done or has failed. */
record PendingWrite(long id, Write write, Runnable done, Consumer<String> failed) {}
