// Local capture: camera + microphone with fallbacks, and screen capture.

/**
 * Tries camera+mic, then each alone. Resolves {stream, problem}: `stream` holds whatever
 * could be captured (possibly no tracks); `problem` describes what is missing, or ''.
 */
export async function acquireLocalMedia() {
  if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
    return { stream: new MediaStream(), problem: 'This browser cannot capture media here (needs https or localhost).' };
  }
  const attempts = [{ audio: true, video: true }, { video: true }, { audio: true }];
  let firstError = null;
  for (const constraints of attempts) {
    try {
      const stream = await navigator.mediaDevices.getUserMedia(constraints);
      const missing = ['audio', 'video'].filter((k) => stream.getTracks().every((t) => t.kind !== k));
      const problem = missing.length === 0 ? ''
        : `No ${missing.map((k) => (k === 'audio' ? 'microphone' : 'camera')).join(' or ')} available `
          + `(${describeError(firstError)}). Others will not ${missing.includes('video') ? 'see' : 'hear'} you.`;
      return { stream, problem };
    } catch (err) {
      firstError = firstError || err;
    }
  }
  return {
    stream: new MediaStream(),
    problem: `Camera and microphone unavailable (${describeError(firstError)}). `
      + 'You can still join to watch and listen.',
  };
}

function describeError(err) {
  if (!err) return 'not found';
  if (err.name === 'NotAllowedError') return 'permission denied';
  if (err.name === 'NotFoundError') return 'no device found';
  if (err.name === 'NotReadableError') return 'device busy';
  return err.name || String(err);
}

/** Asks for a screen/window to share; resolves the video track or null when refused. */
export async function captureScreen() {
  try {
    const stream = await navigator.mediaDevices.getDisplayMedia({ video: true, audio: false });
    return stream.getVideoTracks()[0] || null;
  } catch {
    return null;
  }
}
