-- An event kind this build does not know: refused with the kind in the message.
-- expect-error: unknown event kind 'teleport'
UPDATE events SET kind = 'teleport' WHERE seq = (SELECT min(seq) FROM events);
