#!/usr/bin/env python3
"""Generate the sample's bundled daily crypto prices: src/main/resources/prices/<SYMBOL>.csv.

THE PRICES ARE SYNTHETIC: a seeded random walk per symbol, for illustration only. They are not
real quotes, neither past nor future, and must not be read as such.

Each file has the header `day,open,high,low,close,volume` and one row per day (UTC) from FIRST_DAY
through LAST_DAY, without holes. The range reaches well past today so that the sample (and its
tests, whose dates are relative to today) keeps working for years; move LAST_DAY and run the script
again before it comes close.

The walk is geometric, pulled back towards a slowly rising trend with a four-year cycle (so prices
stay plausible over sixteen years instead of drifting to nothing or to absurd heights):

    log(close) = log(open) + N(0, volatility) - REVERSION * (log(open) - log(trend(day)))

where open is the previous close. High and low lie a half-normal step above and below the larger
and smaller of open and close. Volume (in coin units) is log-normal around the symbol's base
volume, larger on days that moved more. Prices are rounded to the symbol's decimals, volumes to
whole coins; after rounding, low <= open, close <= high and low > 0 hold on every row (the
constraints of dev.collector.sample.prices.DailyPrice).

The output depends only on SEED and the table below: running the script again rewrites the same
bytes. Usage (from the repository root, Python 3.8+, standard library only):

    python3 sample-news-collector/scripts/generate-prices.py
"""
import datetime
import math
import pathlib
import random
from decimal import ROUND_HALF_EVEN, Decimal

SEED = 20261207
FIRST_DAY = datetime.date(2020, 1, 1)
LAST_DAY = datetime.date(2035, 12, 31)
# pull towards the trend per day: about half a deviation is gone after 140 days
REVERSION = 0.005
# amplitude (in log units) and period of the cycle around the trend
CYCLE_AMPLITUDE = 0.5
CYCLE_DAYS = 4 * 365.25

# symbol: start price, yearly growth of the trend (log units), daily volatility, decimals,
# base daily volume in coins, phase of the cycle (fraction of a period)
SYMBOLS = {
    "BTC": (7200.0, 0.20, 0.032, 2, 30000, 0.00),
    "ETH": (130.0, 0.21, 0.042, 2, 450000, 0.05),
    "SOL": (1.50, 0.30, 0.058, 3, 2500000, 0.10),
    "ADA": (0.033, 0.17, 0.050, 5, 600000000, 0.08),
}

OUTPUT = pathlib.Path(__file__).resolve().parent.parent / "src/main/resources/prices"


def rounded(value, decimals):
    return Decimal(repr(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_EVEN)


def rows(symbol, start, growth, volatility, decimals, base_volume, phase):
    rng = random.Random("%d:%s" % (SEED, symbol))
    tick = Decimal(1).scaleb(-decimals)
    log_start = math.log(start)
    log_open = log_start
    day = FIRST_DAY
    t = 0
    while day <= LAST_DAY:
        years = t / 365.25
        cycle = CYCLE_AMPLITUDE * math.sin(2 * math.pi * (t / CYCLE_DAYS + phase))
        log_trend = log_start + growth * years + cycle - CYCLE_AMPLITUDE * math.sin(2 * math.pi * phase)
        step = rng.gauss(0.0, volatility)
        log_close = log_open + step - REVERSION * (log_open - log_trend)
        open_ = math.exp(log_open)
        close = math.exp(log_close)
        high = max(open_, close) * math.exp(abs(rng.gauss(0.0, volatility / 2)))
        low = min(open_, close) * math.exp(-abs(rng.gauss(0.0, volatility / 2)))
        volume = base_volume * math.exp(rng.gauss(0.0, 0.35) + 4 * abs(step))
        o, c = rounded(open_, decimals), rounded(close, decimals)
        h = max(rounded(high, decimals), o, c)
        l = max(min(rounded(low, decimals), o, c), tick)
        o, c = max(o, tick), max(c, tick)
        yield "%s,%s,%s,%s,%s,%d" % (day.isoformat(), o, h, l, c, round(volume))
        # the next day opens at this day's (rounded) close
        log_open = math.log(float(c))
        day += datetime.timedelta(days=1)
        t += 1


def main():
    OUTPUT.mkdir(parents=True, exist_ok=True)
    for symbol, parameters in SYMBOLS.items():
        path = OUTPUT / ("%s.csv" % symbol)
        lines = ["day,open,high,low,close,volume"] + list(rows(symbol, *parameters))
        path.write_text("\n".join(lines) + "\n", encoding="ascii", newline="\n")
        print("%s: %d days, %d bytes" % (path.relative_to(OUTPUT.parent.parent.parent.parent), len(lines) - 1,
                                          path.stat().st_size))


if __name__ == "__main__":
    main()
