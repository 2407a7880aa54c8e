"""The `prometheus:` source: a PromQL instant query (`/api/v1/query`) that must yield
exactly one sample; zero or several is an error that says how many and which."""

from __future__ import annotations

import urllib.parse
from typing import Any

from okrcli.model.sources import PrometheusSource
from okrcli.sources.context import Context, Deadline, environment_value
from okrcli.sources.errors import SourceError
from okrcli.sources.http import get_json

_SHOWN_SERIES = 5
_TRY_IT = "run the query in Prometheus' expression browser to see what it returns"


def fetch_prometheus(source: PrometheusSource, context: Context, deadline: Deadline) -> object:
    server = source.server
    if server is None:
        assert source.server_env is not None
        server = environment_value(context, source.server_env, "the Prometheus server's URL")
    # The server stops evaluating at our deadline too, rather than finishing for nobody.
    query = urllib.parse.urlencode(
        {"query": source.prometheus, "timeout": f"{max(1, int(deadline.left() * 1000))}ms"}
    )
    answer = get_json(f"{server.rstrip('/')}/api/v1/query?{query}", {}, deadline)
    return sample_value(answer)


def sample_value(answer: Any) -> object:
    """The one sample's value of an instant query's answer."""
    if not isinstance(answer, dict) or answer.get("status") != "success":
        said = answer.get("error") if isinstance(answer, dict) else None
        raise SourceError(f"the query failed: {said or 'not a Prometheus answer'}", _TRY_IT)
    data = answer.get("data")
    if not isinstance(data, dict):
        raise SourceError("the answer has no data", _TRY_IT)
    kind, result = data.get("resultType"), data.get("result")
    if kind == "scalar" and isinstance(result, list) and len(result) == 2:
        return result[1]
    if kind == "matrix":
        raise SourceError(
            "the query returns a range (matrix), not one sample",
            "query an instant vector: wrap the range in a function, e.g. "
            "`max_over_time(x[1h])` or `rate(x[5m])`",
        )
    if kind != "vector" or not isinstance(result, list):
        raise SourceError(f"the query returns a {kind or 'result'} it cannot read", _TRY_IT)
    if len(result) != 1:
        raise _not_one(result)
    value = result[0].get("value") if isinstance(result[0], dict) else None
    if not isinstance(value, list) or len(value) != 2:
        raise SourceError("the sample has no value", _TRY_IT)
    return value[1]


def _not_one(samples: list[Any]) -> SourceError:
    if not samples:
        return SourceError(
            "the query returns no sample (0 series)",
            "check the metric name and labels in Prometheus' expression browser; the "
            "target may be down or the series not scraped yet",
        )
    shown = [_labels(sample) for sample in samples[:_SHOWN_SERIES]]
    more = f", and {len(samples) - _SHOWN_SERIES} more" if len(samples) > _SHOWN_SERIES else ""
    return SourceError(
        f"the query returns {len(samples)} samples, not one: {', '.join(shown)}{more}",
        "aggregate them into one (`sum(...)`, `max(...)`) or select one by its labels",
    )


def _labels(sample: Any) -> str:
    # A sample is {"metric": {labels}, "value": [time, text]}: its one mapping.
    labels = next((v for v in sample.values() if isinstance(v, dict)), None)
    if not isinstance(labels, dict) or not labels:
        return "{}"
    pairs = [f'{name}="{value}"' for name, value in sorted(labels.items())]
    return "{" + ", ".join(pairs) + "}"
