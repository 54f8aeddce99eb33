"""pydantic's validation of the settings a user wrote (config file, ``READER_*``
variables, explicit values). Imported only when there is something to validate:
pydantic costs a start about 50 ms.

The settings types are the plain dataclasses of ``reader.config``; the pydantic models
that validate them are made from those dataclasses here (same names, fields, defaults
and constraints), so the two cannot drift apart, and the messages are those of the
models the settings used to be.
"""

from __future__ import annotations

import dataclasses
import functools
from typing import Any, get_type_hints

from pydantic import BaseModel, ConfigDict, Field, create_model

from reader.config import Settings

_CONFIGS: dict[type, ConfigDict] = {Settings: ConfigDict(extra="ignore", validate_default=True)}


@functools.cache
def model_of(cls: type) -> type[BaseModel]:
    """The pydantic model mirroring the settings dataclass ``cls`` (its sections too)."""
    hints = get_type_hints(cls)
    fields: dict[str, Any] = {}
    for spec in dataclasses.fields(cls):
        annotation = hints[spec.name]
        if _is_section(annotation):
            annotation = model_of(annotation)
        if spec.default_factory is not dataclasses.MISSING:
            factory = spec.default_factory
            made = model_of(factory) if _is_section(factory) else factory
            info = Field(default_factory=made, **spec.metadata)
        else:
            info = Field(default=spec.default, **spec.metadata)
        fields[spec.name] = (annotation, info)
    return create_model(  # type: ignore[call-overload,no-any-return]
        cls.__name__, __config__=_CONFIGS.get(cls), __doc__=cls.__doc__, **fields
    )


def validate_settings(values: dict[str, Any]) -> Settings:
    """``values`` (shaped like the settings) as Settings; raises ValidationError."""
    given = {name: _as_dict(value) for name, value in values.items()}
    return _dataclass_of(Settings, model_of(Settings).model_validate(given))


def _dataclass_of(cls: type[Any], model: BaseModel) -> Any:
    values = {}
    for spec in dataclasses.fields(cls):
        value = getattr(model, spec.name)
        if isinstance(value, BaseModel):
            value = _dataclass_of(get_type_hints(cls)[spec.name], value)
        values[spec.name] = value
    return cls(**values)


def _as_dict(value: Any) -> Any:
    """A section given as its dataclass, as the model takes it (checked again)."""
    if _is_section(type(value)):
        return {spec.name: getattr(value, spec.name) for spec in dataclasses.fields(value)}
    return value


def _is_section(annotation: Any) -> bool:
    return isinstance(annotation, type) and dataclasses.is_dataclass(annotation)
