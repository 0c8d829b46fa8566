-- One database per stateful service (pin-service, gc-service, takedown-service); each service's
-- Flyway migrations create its tables. Run once by the postgres image, on an empty data directory.
CREATE DATABASE pinfold_pins;
CREATE DATABASE pinfold_gc;
CREATE DATABASE pinfold_takedowns;
