package fixedsleep

import "time"

func suppressedAbove() error {
	for i := 0; i < 5; i++ {
		if err := op(); err == nil {
			return nil
		}
		//retryvet:ignore fixedsleep the modem needs exactly one second between dials
		time.Sleep(time.Second)
	}
	return errGaveUp
}

func suppressedSameLine() error {
	for i := 0; i < 5; i++ {
		if err := op(); err == nil {
			return nil
		}
		time.Sleep(time.Second) //retryvet:ignore ctxerr,fixedsleep paced by the vendor's rate limit
	}
	return errGaveUp
}

func otherCheckNamed() error {
	for i := 0; i < 5; i++ {
		if err := op(); err == nil {
			return nil
		}
		//retryvet:ignore ctxerr this names another check only
		time.Sleep(time.Second) // want `retry loop waits a fixed 1s`
	}
	return errGaveUp
}

func noReason() error {
	for i := 0; i < 5; i++ {
		if err := op(); err == nil {
			return nil
		}
		// want +1 `retryvet:ignore directive has no reason; say why the finding does not apply after the check names`
		//retryvet:ignore fixedsleep
		time.Sleep(time.Second)
	}
	return errGaveUp
}

func tooFarAbove() error {
	for i := 0; i < 5; i++ {
		if err := op(); err == nil {
			return nil
		}
		//retryvet:ignore fixedsleep two lines above does not count

		time.Sleep(time.Second) // want `retry loop waits a fixed 1s`
	}
	return errGaveUp
}
