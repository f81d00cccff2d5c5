-- Demo events. The large ones keep `make run`'s traffic flowing for hours; the small ones sell out
-- within minutes, so sold-out answers (409) are part of the normal picture.
INSERT INTO events (id, name, venue, starts_at, price_cents, currency, capacity, seats_left) VALUES
    (1, 'Quarkus Live',             'Ziggo Dome, Amsterdam',  '2027-03-12T19:00:00Z', 4500, 'EUR', 100000, 100000),
    (2, 'Kafka Summit Night',       'Olympiahalle, Munich',   '2027-04-02T18:30:00Z', 6900, 'EUR',  50000,  50000),
    (3, 'Observability Unplugged',  'Paradiso, Amsterdam',    '2027-02-20T20:00:00Z', 2500, 'EUR',     40,     40),
    (4, 'The Latency Quartet',      'Bimhuis, Amsterdam',     '2027-01-30T21:00:00Z', 3500, 'EUR',      6,      6);
