"""The read-only OParl 1.1 endpoint (/oparl/v1/)."""
