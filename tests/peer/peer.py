#!/usr/bin/env python3
"""A PSRP server for tests: psrpcore 0.3.1 behind pwsh's OutOfProc stdin/stdout loop.

Started exactly as `pwsh -s -NoLogo -NoProfile` would be (the arguments are accepted and ignored), it speaks the
OutOfProc line protocol (psrp.md §2) and lets psrpcore do the PSRP work, so it checks a client independently of
the client's own code: psrpcore rejects misnumbered fragments, unknown messages and bad CLIXML itself.

What each command does comes from a scenario file (env MBXCTL_PEER_SCENARIO, JSON), psrp.md §5.3:

    {"psVersion": "7.4.6",
     "rules": [{"match": {"cmd": "Get-Mailbox", "params": {"Identity": "alice"}},
                "emit": [{"output": {"typeNames": ["X"], "props": {"Name": "alice"}}, "repeat": 1},
                         {"warning": "text"}, {"verbose": "text"}, {"debug": "text"}, {"information": "text"},
                         {"progress": {"activity": "a", "status": "s"}},
                         {"error": {"message": "m", "fqid": "Id", "category": 13, "reason": "R", "target": "t"}},
                         {"hostCall": {"method": "Prompt", "args": ["caption", "message", []]}},
                         {"stderr": "text"}, {"die": 1}],
                "end": "completed" | "hang" | {"failed": {"message": "m", ...}}}]}

A rule matches when the command name is equal (case-insensitively) and every listed parameter is present with an
equal value; SecureStrings compare by their decrypted text. No rule: the command fails as PowerShell's
CommandNotFoundException does. A top-level list is taken as the rules.

Every CREATE_PIPELINE is logged as one JSON line to env MBXCTL_PEER_LOG (if set), with the Python type psrpcore
gave each parameter value, so tests can assert that an integer arrived as an integer. The peer knows nothing of
its client beyond the protocol.
"""

import base64
import json
import os
import re
import sys
import uuid

from psrpcore import (
    CreatePipelineEvent,
    GetAvailableRunspacesEvent,
    PipelineHostResponseEvent,
    PSRPPayload,
    RunspacePoolHostResponseEvent,
    ServerPipeline,
    ServerRunspacePool,
    SetMaxRunspacesEvent,
    SetMinRunspacesEvent,
    StreamType,
)
from psrpcore.types import (
    ErrorCategoryInfo,
    ErrorRecord,
    HostMethodIdentifier,
    NETException,
    PSInvocationState,
    PSObject,
    PSSecureString,
    PSVersion,
    add_note_property,
)

ZERO = uuid.UUID(int=0)
LINE = re.compile(
    r"^<(?P<tag>\w+)(?: Stream='(?P<stream>\w+)')? PSGuid='(?P<guid>[0-9a-fA-F-]{36})'"
    r"(?: />|>(?P<data>[A-Za-z0-9+/=]*)</Data>)$"
)


def load_scenario():
    path = os.environ.get("MBXCTL_PEER_SCENARIO")
    if not path:
        return {"rules": []}
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    return {"rules": data} if isinstance(data, list) else data


def write_line(text):
    sys.stdout.buffer.write(text.encode("ascii") + b"\n")


def flush(pool):
    while True:
        payload = pool.data_to_send(32768)
        if payload is None:
            break
        stream = "PromptResponse" if payload.stream_type == StreamType.prompt_response else "Default"
        guid = payload.pipeline_id or ZERO
        write_line(f"<Data Stream='{stream}' PSGuid='{guid}'>{base64.b64encode(payload.data).decode()}</Data>")
    sys.stdout.buffer.flush()


def plain(value):
    """A JSON-friendly rendering of a deserialized value, for the log and for matching."""
    if isinstance(value, PSSecureString):
        return str(value.decrypt())
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, str):
        return str(value)
    if isinstance(value, dict):
        return {str(plain(k)): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    return str(value)


def type_of(value):
    name = type(value).__name__
    if isinstance(value, (list, tuple)):
        return {"type": name, "items": [type_of(v) for v in value]}
    if isinstance(value, dict):
        return {"type": name, "entries": {str(plain(k)): type_of(v) for k, v in value.items()}}
    return name


def log(entry):
    path = os.environ.get("MBXCTL_PEER_LOG")
    if path:
        with open(path, "a", encoding="utf-8") as f:
            f.write(json.dumps(entry) + "\n")


def to_ps(value):
    """Scenario JSON → a value psrpcore serializes: dicts with typeNames/props become PSObjects."""
    if isinstance(value, dict):
        obj = PSObject()
        obj.PSObject.type_names = list(
            value.get("typeNames", ["System.Management.Automation.PSCustomObject", "System.Object"])
        )
        for name, v in value.get("props", {}).items():
            add_note_property(obj, name, to_ps(v))
        return obj
    if isinstance(value, list):
        return [to_ps(v) for v in value]
    return value


def error_record(spec):
    exception = NETException(Message=spec.get("message", "error"))
    if spec.get("exceptionType"):
        exception.PSObject.type_names = [spec["exceptionType"]] + list(exception.PSTypeNames)
    return dict(
        exception=exception,
        category_info=ErrorCategoryInfo(
            Category=spec.get("category", 0),
            Reason=spec.get("reason"),
            Activity=spec.get("activity"),
            TargetName=spec.get("targetName"),
        ),
        target_object=spec.get("target"),
        fully_qualified_error_id=spec.get("fqid", "PeerError"),
    )


def terminating(spec):
    args = error_record(spec)
    return ErrorRecord(
        Exception=args["exception"],
        CategoryInfo=args["category_info"],
        TargetObject=args["target_object"],
        FullyQualifiedErrorId=args["fully_qualified_error_id"],
    )


def matches(rule, command):
    want = rule.get("match", {})
    if "cmd" in want and want["cmd"].lower() != str(command.command_text).lower():
        return False
    if "isScript" in want and bool(want["isScript"]) != bool(command.is_script):
        return False
    got = {str(n).lower(): plain(v) for n, v in command.parameters if n is not None}
    for name, value in want.get("params", {}).items():
        if name.lower() not in got or got[name.lower()] != value:
            return False
    return True


def play(pool, pipe, rule):
    """Runs one rule's emits; yields while a host call waits for its response (the response is sent in)."""
    for item in rule.get("emit", []):
        for _ in range(int(item.get("repeat", 1))):
            if "output" in item:
                pipe.write_output(to_ps(item["output"]))
            elif "warning" in item:
                pipe.write_warning(item["warning"])
            elif "verbose" in item:
                pipe.write_verbose(item["verbose"])
            elif "debug" in item:
                pipe.write_debug(item["debug"])
            elif "information" in item:
                pipe.write_information(item["information"], "peer")
            elif "progress" in item:
                p = item["progress"]
                pipe.write_progress(p.get("activity", "activity"), p.get("id", 1), p.get("status", "status"))
            elif "error" in item:
                pipe.write_error(**error_record(item["error"]))
            elif "hostCall" in item:
                call = item["hostCall"]
                pipe.host_call(HostMethodIdentifier[call["method"]], call.get("args", []))
                flush(pool)
                response = yield
                log({"hostResponse": {"ci": int(response.ci), "error": str(response.error) if response.error else None}})
                if response.error is not None:
                    # What pwsh does when a host method throws: the pipeline fails with that error.
                    pipe._change_state(PSInvocationState.Failed, error=response.error)
                    return
            elif "stderr" in item:
                flush(pool)
                sys.stderr.write(item["stderr"] + "\n")
                sys.stderr.flush()
            elif "die" in item:
                flush(pool)
                os._exit(int(item["die"]))
            flush(pool)
    end = rule.get("end", "completed")
    if end == "hang":
        return
    if isinstance(end, dict) and "failed" in end:
        pipe._change_state(PSInvocationState.Failed, error=terminating(end["failed"]))
    else:
        pipe.complete()


def not_found(command):
    name = str(command.command_text)
    return {
        "message": f"The term '{name}' is not recognized as a name of a cmdlet, function, script file, or executable "
        "program. Check the spelling of the name, or if a path was included, verify that the path is correct and try "
        "again.",
        "fqid": "CommandNotFoundException",
        "category": 13,
        "reason": "CommandNotFoundException",
        "targetName": name,
        "target": name,
        "exceptionType": "System.Management.Automation.CommandNotFoundException",
    }


def main():
    scenario = load_scenario()
    pool = ServerRunspacePool(
        application_private_data={
            "PSVersionTable": {"PSVersion": PSVersion(scenario.get("psVersion", "7.4.6")), "PSEdition": "Core"}
        }
    )
    pipes = {}
    waiting = {}  # pipeline id -> generator waiting for a host response
    closed = False

    for raw in sys.stdin.buffer:
        line = raw.decode("ascii").rstrip("\r\n")
        m = LINE.match(line)
        if not m:
            sys.stderr.write(f"peer: malformed OutOfProc line: {line[:200]!r}\n")
            sys.stderr.flush()
            os._exit(4000)
        tag, guid = m.group("tag"), uuid.UUID(m.group("guid"))
        pid = None if guid == ZERO else guid
        if tag == "Data":
            stream = StreamType.prompt_response if m.group("stream") == "PromptResponse" else StreamType.default
            pool.receive_data(PSRPPayload(base64.b64decode(m.group("data")), stream, pid))
            write_line(f"<DataAck PSGuid='{guid}' />")
            while True:
                ev = pool.next_event()
                if ev is None:
                    break
                if isinstance(ev, CreatePipelineEvent):
                    pipe = pipes[ev.pipeline_id]
                    commands = ev.pipeline.commands
                    for c in commands:
                        log(
                            {
                                "cmd": str(c.command_text),
                                "isScript": bool(c.is_script),
                                "params": [
                                    {"name": None if n is None else str(n), "type": type_of(v), "value": plain(v)}
                                    for n, v in c.parameters
                                ],
                            }
                        )
                    pipe.start()
                    rule = next((r for r in scenario.get("rules", []) if matches(r, commands[0])), None)
                    if rule is None:
                        rule = {"end": {"failed": not_found(commands[0])}}
                    gen = play(pool, pipe, rule)
                    try:
                        next(gen)
                        waiting[ev.pipeline_id] = gen
                    except StopIteration:
                        pass
                elif isinstance(ev, (PipelineHostResponseEvent, RunspacePoolHostResponseEvent)):
                    gen = waiting.pop(ev.pipeline_id, None) if ev.pipeline_id else None
                    if gen is None:
                        log({"hostResponse": {"ci": int(ev.ci), "error": str(ev.error) if ev.error else None}})
                        continue
                    try:
                        gen.send(ev)
                        waiting[ev.pipeline_id] = gen
                    except StopIteration:
                        pass
                elif isinstance(ev, (SetMaxRunspacesEvent, SetMinRunspacesEvent)):
                    pool.runspace_availability_response(ev.ci, True)
                elif isinstance(ev, GetAvailableRunspacesEvent):
                    pool.runspace_availability_response(ev.ci, 1)
            flush(pool)
        elif tag == "Command":
            pipes[pid] = ServerPipeline(pool, pid)
            write_line(f"<CommandAck PSGuid='{guid}' />")
        elif tag == "Signal":
            pipe = pipes.get(pid)
            waiting.pop(pid, None)
            if pipe is not None and pipe.state in (PSInvocationState.Running, PSInvocationState.Stopping):
                pipe.stop()
            flush(pool)
            write_line(f"<SignalAck PSGuid='{guid}' />")
        elif tag == "Close":
            if pid:
                pipe = pipes.pop(pid, None)
                waiting.pop(pid, None)
                if pipe is not None:
                    if pipe.state == PSInvocationState.Running:
                        pipe.stop()
                    pipe.close()
            else:
                pool.begin_close()
                pool.close()
                flush(pool)
                closed = True
            log({"close": str(guid)})
            write_line(f"<CloseAck PSGuid='{guid}' />")
        else:
            sys.stderr.write(f"peer: unexpected element <{tag}> from the client\n")
            sys.stderr.flush()
            os._exit(4000)
        sys.stdout.buffer.flush()

    # Like pwsh: end of input ends the process; before the session was closed that is an error.
    if not closed:
        sys.stderr.write("peer: stdin closed before the session was closed\n")
        sys.stderr.flush()
        os._exit(4000)


if __name__ == "__main__":
    main()
