CREATE TABLE IF NOT EXISTS reading (
    sensor      VARCHAR(50) NOT NULL,
    taken_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    celsius     DOUBLE PRECISION,
    ingested_at TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (sensor, taken_at)
);
