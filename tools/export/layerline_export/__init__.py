"""Layerline's ONNX exporter: wraps the official ACE-Step 1.5 modules (never re-implements
them) into the graphs of resources/inference/io-contract.json and writes component folders
(component.json, schema layerline.component/1)."""
