"""Scores every line of a file with VADER, as a tone checker built on it would (used by peers.sh)."""

import sys

from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer


def main() -> None:
    analyzer = SentimentIntensityAnalyzer()
    negative = 0
    with open(sys.argv[1], encoding="utf-8", errors="replace") as text:
        for line in text:
            line = line.strip()
            if line and analyzer.polarity_scores(line)["compound"] <= -0.05:
                negative += 1
    print(f"{negative} negative lines")


if __name__ == "__main__":
    main()
