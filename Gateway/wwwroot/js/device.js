// The browser's phone. Live: Twilio's Voice JavaScript SDK (pinned URL + Subresource Integrity, loaded only in
// live mode). Simulated: the gateway's simulated Twilio plays the calls through its real webhooks, and this
// device answers, declines and hangs up through /api/simulator — so the whole page works offline.
import { post } from './api.js';

export class SimulatedDevice {
  constructor() { this.simulated = true; this.listeners = {}; }
  on(name, fn) { this.listeners[name] = fn; }
  async start() { }
  // A Twilio-routed press is played by the gateway itself (it knows the parameters); nothing to connect here.
  async connect() { return null; }
  answer(call) { return post(`/api/simulator/calls/${encodeURIComponent(call.callSid)}/answer`); }
  decline(call) { return post(`/api/simulator/calls/${encodeURIComponent(call.callSid)}/decline`); }
  hangup(call) { return call?.callSid ? post(`/api/simulator/calls/${encodeURIComponent(call.callSid)}/hangup`).catch(() => null) : null; }
  mute() { }
  hold() { }
}

export class LiveDevice {
  constructor(sdkUrl, integrity) { this.sdkUrl = sdkUrl; this.integrity = integrity; this.simulated = false; this.listeners = {}; this.calls = new Map(); }
  on(name, fn) { this.listeners[name] = fn; }

  async start() {
    await loadScript(this.sdkUrl, this.integrity);
    const { token } = await post('/api/token');
    this.device = new window.Twilio.Device(token, { closeProtection: true, codecPreferences: ['opus', 'pcmu'] });
    this.device.on('tokenWillExpire', async () => this.device.updateToken((await post('/api/token')).token));
    this.device.on('incoming', call => {
      const params = call.customParameters || new Map();
      const callSid = call.parameters.CallSid;
      this.calls.set(callSid, call);
      call.on('disconnect', () => this.listeners.ended?.({ callSid }));
      call.on('cancel', () => this.listeners.ended?.({ callSid }));
      this.listeners.incoming?.({ callSid, from: call.parameters.From, callerName: params.get('callerName'), leadId: params.get('leadId') });
    });
    this.device.on('error', error => this.listeners.error?.(error));
    await this.device.register();
  }

  async connect(params) {
    const call = await this.device.connect({ params });
    call.on('accept', () => { this.calls.set(call.parameters.CallSid, call); this.listeners.accepted?.({ callSid: call.parameters.CallSid }); });
    call.on('disconnect', () => this.listeners.ended?.({ callSid: call.parameters.CallSid }));
    this.current = call;
    return call;
  }

  answer(call) { this.calls.get(call.callSid)?.accept(); }
  decline(call) { this.calls.get(call.callSid)?.reject(); }
  hangup(call) { (this.calls.get(call?.callSid) || this.current)?.disconnect(); }
  mute(call, on) { (this.calls.get(call?.callSid) || this.current)?.mute(on); }
  // The Voice SDK has no hold: here hold mutes the microphone (the lead hears silence, not music).
  hold(call, on) { this.mute(call, on); }
}

function loadScript(src, integrity) {
  if (window.Twilio?.Device) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = src;
    script.integrity = integrity;
    script.crossOrigin = 'anonymous';
    script.onload = resolve;
    script.onerror = () => reject(new Error(`Twilio's Voice SDK did not load from ${src}`));
    document.head.append(script);
  });
}
