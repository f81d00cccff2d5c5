package org.acme.inventory;

import java.util.List;

/** Words of another product (the ticket shop the extension was first written for) that must not leak into this one. */
final class ForeignNames {

    static final List<String> ALL = List.of("zingtickets", "booking", "ticket", "payment");

    private ForeignNames() {
    }
}
